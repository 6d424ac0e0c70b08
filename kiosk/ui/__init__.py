"""The Qt Quick shell over the core: adapters, input watchers, QML views."""

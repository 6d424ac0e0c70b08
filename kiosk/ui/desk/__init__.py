"""The reception desk screen: `kiosk desk`, a window for staff to print slips for people who ask."""

"""Plain-Python core: content, contacts, QR payloads, slips, i18n. Never imports Qt."""

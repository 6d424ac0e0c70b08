"""Content bundles: every word and number the kiosk shows, loaded, checked, packed, signed, updated.

Plain Python, never Qt. The modules form layers that only point down (lowest first; modules on
one line do not import each other), checked by import-linter (pyproject.toml):

    model | problems | text | layout   the records, `file:line: field: message`, {placeholder}
    | stamp                            text, which files a bundle holds; what a folder holds
                                       (SHA-256 of each file), for the cache and the start-up picture
    fields | look | review             one TOML file read field by field; logo, colours and
                                       languages; when a contact is due for a check
    loader                             a folder into a checked Bundle; refuses what would show a
                                       wrong number
    check                              `kiosk bundle check`, one module per thing checked
    pack | scaffold                    one package file per version; `kiosk bundle new`
    signing                            Ed25519 signatures on packages
    store                              the installed bundles in the data folder: state.json, and
                                       what an install cut short leaves, put right at each start
    updates | extract                  taking packages from the update folder; the Babel extractor

kiosk.core.i18n uses only `text` from here, so the running kiosk's catalogs never pull in the check.
"""

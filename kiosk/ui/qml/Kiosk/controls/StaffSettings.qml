import QtQuick
import Kiosk
import Kiosk.Backend

// The staff settings screen: one-off changes for this kiosk, kept until IT changes the same
// setting in the site file. Text is typed on the keyboard below; everything else is a tap.
StaffPage {
    id: screen
    readonly property var s: SettingsEditor.settings
    readonly property bool typing: s.editing !== undefined && s.editing !== ""
    title: typing ? s.editingLabel : "Settings"

    // --- typing a text setting --------------------------------------------------------------
    Rectangle {
        visible: screen.typing
        width: parent.width
        height: typed.implicitHeight + 2 * Theme.gap
        radius: Theme.radius / 2
        color: Theme.background
        border.width: 2
        border.color: Theme.primary
        Text {
            id: typed
            objectName: "typedText"
            x: Theme.gap
            y: Theme.gap
            width: parent.width - 2 * Theme.gap
            text: (screen.s.editingText || "") + "|"
            color: Theme.ink
            font.family: "Noto Sans"
            font.pixelSize: Theme.textLarge
            wrapMode: Text.Wrap
        }
    }
    Para {
        visible: screen.typing
        objectName: "typingHint"
        font.family: "Noto Sans"
        font.pixelSize: Theme.textSmall
        text: (screen.s.editingHint || "") + ". Tap Done when it reads right."
    }
    StaffKeyboard {
        visible: screen.typing
        width: parent.width
    }

    // --- every setting ----------------------------------------------------------------------
    Column {
        visible: !screen.typing
        width: parent.width
        spacing: Theme.gap

        Para {
            font.family: "Noto Sans"
            font.pixelSize: Theme.textSmall
            text: "Changes are kept on this kiosk until IT changes the same setting in the site file. "
                + "Nothing changes until you tap Save."
        }

        Heading { level: 2; text: "Site"; font.family: "Noto Sans" }
        TouchButton {
            objectName: "editSiteName"
            width: parent.width
            fontFamily: "Noto Sans"
            text: "Site name"
            detail: (screen.s.siteName ? screen.s.siteName : "Not set") + "  ·  tap to change"
            onActivated: SettingsEditor.editText("site_name")
        }
        TouchButton {
            objectName: "editCollectionPoint"
            width: parent.width
            fontFamily: "Noto Sans"
            text: "Where residents collect printed slips"
            detail: (screen.s.collectionPoint ? screen.s.collectionPoint : "Not set: slips say “from the printer”")
                    + "  ·  tap to change"
            onActivated: SettingsEditor.editText("collection_point")
        }

        Heading { level: 2; text: "Screen"; font.family: "Noto Sans" }
        Para {
            font.family: "Noto Sans"
            text: "Idle timeout: the screen clears after this long without a touch (with a 30-second warning first)."
        }
        Row {
            spacing: Theme.gap
            StaffKey {
                objectName: "idleLess"
                width: 120
                label: "−"
                Accessible.name: "Shorter"
                onActivated: SettingsEditor.stepIdle(-1)
            }
            Text {
                objectName: "idleValue"
                width: 360
                height: Theme.touchTarget
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: Text.AlignHCenter
                text: screen.s.idleText || ""
                color: Theme.ink
                font.family: "Noto Sans"
                font.pixelSize: Theme.textLarge
                font.bold: true
            }
            StaffKey {
                objectName: "idleMore"
                width: 120
                label: "+"
                Accessible.name: "Longer"
                onActivated: SettingsEditor.stepIdle(1)
            }
        }
        StaffToggle {
            objectName: "toggleAttract"
            text: "Attract screen"
            note: "after a reset, “Touch the screen to start” in each language in turn"
            on: screen.s.attract === true
            onActivated: SettingsEditor.toggle("attract_screen")
        }

        Heading { level: 2; text: "Languages"; font.family: "Noto Sans" }
        Para {
            font.family: "Noto Sans"
            text: "Tap a language to offer it or not. The default is the one the kiosk starts in and returns to. "
                + "Languages change when the kiosk next starts."
        }
        Repeater {
            model: screen.s.languages || []
            Row {
                required property var modelData
                width: parent.width
                spacing: Theme.gap
                StaffToggle {
                    id: langToggle
                    objectName: "lang:" + modelData.code
                    width: parent.width - defaultButton.width - Theme.gap
                    fontFamily: modelData.font
                    text: modelData.name
                    note: modelData.english !== modelData.name ? modelData.english : ""
                    on: modelData.on
                    onActivated: SettingsEditor.toggleLanguage(modelData.code)
                }
                TouchButton {
                    id: defaultButton
                    objectName: "default:" + modelData.code
                    width: Math.min(320, parent.width / 3)
                    height: langToggle.height
                    fontFamily: "Noto Sans"
                    kind: modelData.isDefault ? "primary" : "quiet"
                    text: modelData.isDefault ? "Default" : "Make default"
                    onActivated: SettingsEditor.makeDefault(modelData.code)
                }
            }
        }

        Heading { level: 2; text: "Printing"; font.family: "Noto Sans" }
        Para { font.family: "Noto Sans"; text: "Printer" }
        Repeater {
            model: screen.s.printers || []
            TouchButton {
                required property var modelData
                objectName: "printer:" + modelData.name
                width: parent.width
                fontFamily: "Noto Sans"
                kind: screen.s.printer === modelData.name ? "primary" : "normal"
                text: modelData.label
                detail: [screen.s.printer === modelData.name ? "Chosen" : "", modelData.detail]
                        .filter(function (t) { return t.length > 0 }).join(" · ")
                onActivated: SettingsEditor.choosePrinter(modelData.name)
            }
        }
        Para { font.family: "Noto Sans"; text: "Slip layout" }
        Flow {
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: screen.s.layouts || []
                TouchButton {
                    required property var modelData
                    objectName: "layout:" + modelData.id
                    width: Math.max(300, (parent.width - 2 * Theme.gap) / 3 - 1)
                    fontFamily: "Noto Sans"
                    kind: screen.s.layout === modelData.id ? "primary" : "normal"
                    text: modelData.label
                    detail: (screen.s.layout === modelData.id ? "Chosen · " : "") + modelData.detail
                    onActivated: SettingsEditor.chooseLayout(modelData.id)
                }
            }
        }
        StaffToggle {
            objectName: "toggleDiscreet"
            text: "Plain title at the start"
            note: "each session starts with “Use a plain title” on"
            on: screen.s.discreet === true
            onActivated: SettingsEditor.toggle("discreet_default")
        }

        Heading { level: 2; text: "Usage figures"; font.family: "Noto Sans" }
        StaffToggle {
            objectName: "toggleStatistics"
            text: "Keep usage figures"
            note: "counts only, never who or in what order"
            on: screen.s.statistics === true
            onActivated: SettingsEditor.toggle("statistics")
        }

        Heading { level: 2; text: "Content"; font.family: "Noto Sans" }
        TouchButton {
            objectName: "editBundle"
            width: parent.width
            fontFamily: "Noto Sans"
            text: "Content folder"
            detail: (screen.s.bundle ? screen.s.bundle : "Built-in content")
                    + "  ·  a folder of signed packages (USB stick or share); empty for the built-in"
            onActivated: SettingsEditor.editText("bundle")
        }
    }

    footer: [
        Para {
            visible: !screen.typing && (screen.s.unsaved || []).length > 0
            objectName: "unsaved"
            font.family: "Noto Sans"
            font.pixelSize: Theme.textSmall
            text: "Not saved yet: " + (screen.s.unsaved || []).join(", ")
        },
        Grid {
            id: actions
            visible: !screen.typing
            width: parent.width
            columns: width >= 900 ? 3 : 1
            spacing: Theme.gap
            readonly property real cell: (width - (columns - 1) * spacing) / columns
            // One height for the three, so they line up.
            readonly property real tallest: Math.max(save.implicitHeight, reset.implicitHeight, back.implicitHeight)
            TouchButton {
                id: save
                height: actions.tallest
                objectName: "settingsSave"
                width: actions.cell
                kind: "primary"
                fontFamily: "Noto Sans"
                text: "Save"
                onActivated: SettingsEditor.save()
            }
            TouchButton {
                id: reset
                height: actions.tallest
                objectName: "settingsReset"
                width: actions.cell
                kind: screen.s.confirmReset ? "exit" : "normal"
                fontFamily: "Noto Sans"
                text: screen.s.confirmReset ? "Tap again to reset" : "Reset to the site file"
                detail: screen.s.confirmReset ? "Undoes every change made here, the PIN too"
                                              : "Undoes every change made on this kiosk"
                onActivated: SettingsEditor.resetToSite()
            }
            TouchButton {
                id: back
                height: actions.tallest
                objectName: "staffBack"
                width: actions.cell
                kind: "quiet"
                fontFamily: "Noto Sans"
                text: "Back"
                detail: "To the staff menu; unsaved changes are dropped"
                onActivated: Staff.backToMenu()
            }
        }
    ]
}

import QtQuick
import Kiosk
import Kiosk.Backend

// Staff only: a PIN keypad (dots, never digits), then the staff menu with anything staff must fix,
// the settings, a PIN change, the usage figures export and content updates.
// In English, left to right: it is for council staff, not residents.
Rectangle {
    id: panel
    objectName: "staffPanel"
    color: Theme.overlay
    LayoutMirroring.enabled: false
    LayoutMirroring.childrenInherit: true
    MouseArea { anchors.fill: parent }

    readonly property bool keypad: Staff.mode === "keypad" || Staff.mode === "pin"

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, panel.keypad ? 760 : 1240)
        height: Math.min(parent.height - 2 * Theme.gap,
                         (page.item ? page.item.implicitHeight : 0) + 2 * Theme.gapLarge)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2

        Loader {
            id: page
            anchors.fill: parent
            anchors.margins: Theme.gapLarge
            sourceComponent: panel.keypad ? keypadPage
                           : Staff.mode === "settings" ? settingsPage
                           : Staff.mode === "export" ? exportPage
                           : Staff.mode === "updates" ? updatesPage
                           : menuPage
        }
    }

    Component {
        id: keypadPage
        StaffPage {
            title: Staff.mode === "pin" ? "Change the staff PIN" : "Staff only"
            Text {
                objectName: "pinDots"
                text: "●".repeat(Staff.entered) + "○".repeat(Math.max(0, 4 - Staff.entered))
                font.pixelSize: 40
                color: Theme.ink
                Accessible.role: Accessible.StaticText
                Accessible.name: Staff.entered + " digits entered"
            }
            Grid {
                columns: 3
                spacing: Theme.gap
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]
                    StaffKey {
                        required property string modelData
                        objectName: "key:" + modelData
                        width: 150
                        height: Theme.touchTarget + 8
                        enabled: !Staff.locked
                        opacity: enabled ? 1 : 0.5
                        highlighted: modelData === "ok"
                        label: modelData === "erase" ? "Delete" : modelData === "ok" ? "OK" : modelData
                        onActivated: modelData === "erase" ? Staff.erase()
                                   : modelData === "ok" ? Staff.submit()
                                   : Staff.press(modelData)
                    }
                }
            }
            footer: [
                TouchButton {
                    objectName: Staff.mode === "pin" ? "staffBack" : "staffClose"
                    width: parent.width
                    kind: "quiet"
                    fontFamily: "Noto Sans"
                    text: Staff.mode === "pin" ? "Back to the staff menu" : "Back to the kiosk"
                    onActivated: Staff.mode === "pin" ? Staff.backToMenu() : Staff.close()
                }
            ]
        }
    }

    Component {
        id: menuPage
        StaffPage {
            title: "Staff menu"
            Repeater {
                model: Staff.notices
                Para { required property string modelData; text: "• " + modelData; font.family: "Noto Sans" }
            }
            Para {
                visible: Staff.notices.length === 0
                font.family: "Noto Sans"
                text: "Everything is working: no problems with the configuration or the content."
            }
            Grid {
                id: choices
                width: parent.width
                columns: width >= 1000 ? 2 : 1
                spacing: Theme.gap
                readonly property real cell: (width - (columns - 1) * spacing) / columns
                TouchButton {
                    objectName: "staffSettings"
                    width: choices.cell
                    fontFamily: "Noto Sans"
                    text: "Settings"
                    detail: "Site name, collection point, idle timeout, attract screen, languages, printer and slips, usage figures"
                    onActivated: SettingsEditor.open()
                }
                TouchButton {
                    objectName: "staffChangePin"
                    width: choices.cell
                    fontFamily: "Noto Sans"
                    text: "Change the staff PIN"
                    detail: "Type the current PIN, then the new one twice"
                    onActivated: Staff.openPinChange()
                }
                TouchButton {
                    objectName: "staffExport"
                    width: choices.cell
                    fontFamily: "Noto Sans"
                    text: "Export usage figures"
                    detail: "A spreadsheet file (CSV) on a USB stick, for reports"
                    onActivated: FiguresExport.open()
                }
                TouchButton {
                    objectName: "staffUpdates"
                    width: choices.cell
                    fontFamily: "Noto Sans"
                    text: "Content updates"
                    detail: "Check for new content now, or go back to the previous content"
                    onActivated: ContentUpdates.open()
                }
            }
            footer: [
                Grid {
                    id: leave
                    width: parent.width
                    columns: width >= 1000 ? 2 : 1
                    spacing: Theme.gap
                    readonly property real cell: (width - (columns - 1) * spacing) / columns
                    TouchButton {
                        objectName: "staffExit"
                        width: leave.cell
                        kind: "exit"
                        fontFamily: "Noto Sans"
                        text: "Close the kiosk"
                        detail: "Quits the application. It restarts by itself if the system is set to."
                        onActivated: Staff.exitKiosk()
                    }
                    TouchButton {
                        objectName: "staffClose"
                        width: leave.cell
                        kind: "quiet"
                        fontFamily: "Noto Sans"
                        text: "Back to the kiosk"
                        detail: "Closes the staff menu"
                        onActivated: Staff.close()
                    }
                }
            ]
        }
    }

    Component {
        id: settingsPage
        StaffSettings {}
    }

    Component {
        id: exportPage
        StaffPage {
            title: "Export usage figures"
            Para {
                font.family: "Noto Sans"
                text: "The figures are counts only: which screens were used, how often, per day and hour. "
                    + "Nothing about any one person. The file opens in a spreadsheet."
            }
            Heading { level: 2; text: "Which figures"; font.family: "Noto Sans" }
            Flow {
                width: parent.width
                spacing: Theme.gap
                Repeater {
                    model: FiguresExport.periods
                    TouchButton {
                        required property var modelData
                        objectName: "period:" + modelData.id
                        fontFamily: "Noto Sans"
                        kind: FiguresExport.period === modelData.id ? "primary" : "normal"
                        text: modelData.label
                        detail: FiguresExport.period === modelData.id ? "Chosen" : "Tap to choose"
                        onActivated: FiguresExport.choosePeriod(modelData.id)
                    }
                }
            }
            Heading { level: 2; text: "Save the file to"; font.family: "Noto Sans" }
            Para {
                visible: FiguresExport.targets.length < 2
                font.family: "Noto Sans"
                text: "No USB stick found. Put one in and open this screen again, or save to the kiosk's own folder."
            }
            Repeater {
                model: FiguresExport.targets
                TouchButton {
                    required property var modelData
                    required property int index
                    objectName: "exportTo:" + index
                    width: parent.width
                    fontFamily: "Noto Sans"
                    enabled: !Staff.busy
                    opacity: enabled ? 1 : 0.5
                    text: modelData.label
                    detail: modelData.detail
                    onActivated: FiguresExport.exportTo(index)
                }
            }
            footer: [
                TouchButton {
                    objectName: "staffBack"
                    width: parent.width
                    kind: "quiet"
                    fontFamily: "Noto Sans"
                    text: "Back to the staff menu"
                    onActivated: Staff.backToMenu()
                }
            ]
        }
    }

    Component {
        id: updatesPage
        StaffPage {
            title: "Content updates"
            Para { objectName: "contentSummary"; text: ContentUpdates.contentSummary; font.family: "Noto Sans" }
            TouchButton {
                objectName: "checkNow"
                width: parent.width
                fontFamily: "Noto Sans"
                enabled: !Staff.busy
                opacity: enabled ? 1 : 0.5
                kind: "primary"
                text: "Check for new content now"
                detail: "Takes a newer signed bundle from the update folder and shows it at once"
                onActivated: ContentUpdates.checkNow()
            }
            TouchButton {
                objectName: "goBack"
                width: parent.width
                fontFamily: "Noto Sans"
                enabled: !Staff.busy
                opacity: enabled ? 1 : 0.5
                text: "Go back to the previous content"
                detail: "Returns to the bundle shown before the last update (or the built-in content)"
                onActivated: ContentUpdates.goBack()
            }
            Para { visible: Staff.busy; text: "Working…"; font.family: "Noto Sans" }
            footer: [
                TouchButton {
                    objectName: "staffBack"
                    width: parent.width
                    kind: "quiet"
                    fontFamily: "Noto Sans"
                    text: "Back to the staff menu"
                    onActivated: Staff.backToMenu()
                }
            ]
        }
    }
}

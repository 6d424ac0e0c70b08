import QtQuick
import Kiosk
import Kiosk.Backend

// Staff only: a PIN keypad (dots, never digits), then the staff menu with anything staff must fix.
// In English: it is for council staff, not residents.
Rectangle {
    id: panel
    objectName: "staffPanel"
    color: Theme.overlay
    MouseArea { anchors.fill: parent }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 760)
        height: Math.min(parent.height - 2 * Theme.gap, content.implicitHeight + 2 * Theme.gapLarge)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2

        Flickable {
            anchors.fill: parent
            anchors.margins: Theme.gapLarge
            contentHeight: content.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: content
                width: parent.width
                spacing: Theme.gap

                Heading { text: Staff.mode === "menu" ? "Staff menu" : "Staff only" }
                Para { objectName: "staffMessage"; text: Staff.message; visible: text.length > 0 }

                // Keypad
                Text {
                    visible: Staff.mode === "keypad"
                    objectName: "pinDots"
                    text: "●".repeat(Staff.entered) + "○".repeat(Math.max(0, 4 - Staff.entered))
                    font.pixelSize: 40
                    color: Theme.ink
                    Accessible.role: Accessible.StaticText
                    Accessible.name: Staff.entered + " digits entered"
                }
                Grid {
                    visible: Staff.mode === "keypad"
                    columns: 3
                    spacing: Theme.gap
                    LayoutMirroring.enabled: false  // keypads are laid out the same in every language
                    Repeater {
                        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]
                        TouchButton {
                            required property string modelData
                            objectName: "key:" + modelData
                            width: 150
                            height: 88
                            enabled: !Staff.locked
                            opacity: enabled ? 1 : 0.5
                            kind: modelData === "ok" ? "primary" : "normal"
                            text: modelData === "erase" ? "Delete" : modelData === "ok" ? "OK" : modelData
                            onActivated: modelData === "erase" ? Staff.erase()
                                       : modelData === "ok" ? Staff.submit()
                                       : Staff.press(modelData)
                        }
                    }
                }

                // Menu
                Repeater {
                    model: Staff.mode === "menu" ? Staff.notices : []
                    Para { required property string modelData; text: "• " + modelData }
                }
                Para {
                    visible: Staff.mode === "menu" && Staff.notices.length === 0
                    text: "Everything is working: no problems with the configuration or the content."
                }
                TouchButton {
                    objectName: "staffExit"
                    visible: Staff.mode === "menu"
                    width: parent.width
                    kind: "exit"
                    text: "Close the kiosk"
                    detail: "Quits the application. It restarts by itself if the system is set to."
                    onActivated: Staff.exitKiosk()
                }
                TouchButton {
                    objectName: "staffClose"
                    width: parent.width
                    kind: "quiet"
                    text: "Back to the kiosk"
                    onActivated: Staff.close()
                }
            }
        }
    }
}

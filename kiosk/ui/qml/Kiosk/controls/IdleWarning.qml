import QtQuick
import Kiosk
import Kiosk.Backend

// Before the idle reset: a clear countdown and one big button to carry on (WCAG 2.2.1).
// A modal dialog (kiosk.ui.modal): a screen reader announces it and lands on "I am still here".
Rectangle {
    id: warning
    objectName: "idleWarning"
    readonly property string title: qsTr("Are you still there?")
    Accessible.role: Accessible.Dialog
    Accessible.name: title
    Component.onCompleted: stillHere.forceActiveFocus()
    // Nearly opaque: someone passing by should not read what the last person was looking at.
    color: Theme.overlay
    MouseArea {
        // A tap anywhere carries on, and nothing reaches the screen beneath.
        anchors.fill: parent
        onClicked: Idle.activity()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 900)
        height: column.implicitHeight + 2 * Theme.gapLarge
        radius: Theme.radius
        color: Theme.surface
        Column {
            id: column
            x: Theme.gapLarge
            y: Theme.gapLarge
            width: parent.width - 2 * Theme.gapLarge
            spacing: Theme.gapLarge
            Heading { text: warning.title }
            Para {
                objectName: "idleCountdown"
                text: qsTr("This screen will clear in %1 seconds.").arg(Idle.secondsLeft)
                font.pixelSize: Theme.textLarge
            }
            TouchButton {
                id: stillHere
                objectName: "stillHere"
                width: parent.width
                text: qsTr("I am still here")
                kind: "primary"
                onActivated: Idle.activity()
            }
        }
    }
}

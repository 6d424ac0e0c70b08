import QtQuick
import Kiosk
import Kiosk.Backend

// On every screen: the way back, the way home, and the way out.
Rectangle {
    id: bar
    implicitHeight: Math.max(Theme.touchTarget, leave.implicitHeight) + 2 * 12
    color: Theme.surface

    // Staff: press and hold an empty part of this bar for five seconds to open the PIN keypad.
    MouseArea {
        objectName: "staffGesture"
        anchors.fill: parent
        pressAndHoldInterval: 5000
        onPressAndHold: Staff.openKeypad()
    }

    Row {
        id: leftRow
        anchors.left: parent.left
        anchors.leftMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap
        TouchButton {
            objectName: "back"
            labelSize: 28
            visible: Session.canGoBack
            text: qsTr("Back")
            kind: "quiet"
            onActivated: Session.back()
        }
        TouchButton {
            objectName: "home"
            labelSize: 28
            visible: Session.screen !== "home"
            text: qsTr("Start again")
            kind: "quiet"
            onActivated: Session.home()
        }
    }

    Text {
        // Centred in the bar when there is room, never under a button. Right to left, the rows
        // change sides: the room is between whichever row is on the left and the other.
        objectName: "partnershipName"
        readonly property Item atLeft: leftRow.x <= rightRow.x ? leftRow : rightRow
        readonly property Item atRight: atLeft === leftRow ? rightRow : leftRow
        readonly property real from: atLeft.x + atLeft.width + Theme.gap
        readonly property real to: atRight.x - Theme.gap
        readonly property real room: to - from
        x: Math.max(from, Math.min((parent.width - width) / 2, to - width))
        anchors.verticalCenter: parent.verticalCenter
        width: Math.min(implicitWidth, room)
        // Wraps rather than cut a word off; left out where two lines would not fit.
        visible: room > 200 && contentHeight < bar.height - 8
        text: Content.partnership
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        Accessible.ignored: !visible
        color: Theme.inkMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.textSmall
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
    }

    Row {
        id: rightRow
        anchors.right: parent.right
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap
        TouchButton {
            id: leave
            objectName: "leaveQuickly"
            labelSize: 28
            text: qsTr("Leave quickly")
            kind: "exit"
            onActivated: Session.leaveQuickly()
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 2
        color: Theme.border
    }
}

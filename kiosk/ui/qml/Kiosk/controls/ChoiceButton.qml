import QtQuick
import Kiosk

// One choice of the journey: a big button that goes to `target` when tapped.
TouchButton {
    property string target
    objectName: "go:" + target
    kind: "normal"
    Rectangle {
        width: 10
        radius: 4
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom; margins: 8 }
        color: parent.kind === "urgent" ? Theme.urgentInk : Theme.primary
        visible: parent.kind !== "primary"
    }
}

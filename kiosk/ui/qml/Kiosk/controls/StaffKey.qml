import QtQuick
import Kiosk

// One key of the staff on-screen keyboard: at least 72 px square, the label centred.
Rectangle {
    id: key
    property string label
    property bool highlighted: false
    signal activated()
    height: Theme.touchTarget
    radius: Theme.radius / 2
    color: highlighted ? Theme.primary : Theme.surface
    border.width: 2
    border.color: Theme.border
    opacity: mouse.pressed ? 0.8 : 1
    Accessible.role: Accessible.Button
    Accessible.name: label
    Accessible.onPressAction: activated()
    Text {
        anchors.centerIn: parent
        text: key.label
        color: key.highlighted ? Theme.primaryInk : Theme.ink
        font.family: "Noto Sans"
        font.pixelSize: Theme.textLarge
        font.bold: true
    }
    MouseArea {
        id: mouse
        anchors.fill: parent
        onClicked: key.activated()
    }
}

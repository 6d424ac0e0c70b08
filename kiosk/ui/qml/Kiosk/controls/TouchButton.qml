import QtQuick
import Kiosk

// A large touch target with a text label; taps, Enter and Space all act.
Rectangle {
    id: button
    property string text
    property string detail
    property string kind: "normal"   // normal | primary | urgent | exit | quiet
    property string fontFamily: Theme.fontFamily
    property bool pressedDown: mouse.pressed
    signal activated()

    // Natural (unwrapped) text widths; the labels wrap when the button is given less.
    implicitWidth: Math.max(Theme.touchTarget * 2,
                            column.naturalWidth + 2 * Theme.gapLarge)
    implicitHeight: Math.max(Theme.touchTarget, column.implicitHeight + 2 * Theme.gap)
    radius: Theme.radius
    color: kind === "urgent" ? Theme.urgent
         : kind === "primary" ? Theme.primary
         : kind === "exit" ? Theme.exit
         : Theme.surface
    border.width: activeFocus ? 5 : (kind === "normal" || kind === "quiet" ? 2 : 0)
    border.color: activeFocus ? Theme.focus : Theme.border
    opacity: pressedDown ? 0.85 : 1
    activeFocusOnTab: true

    readonly property color inkColour: kind === "normal" || kind === "quiet" ? Theme.ink : Theme.primaryInk

    Accessible.role: Accessible.Button
    Accessible.name: detail ? text + ". " + detail : text
    Accessible.onPressAction: activated()
    Keys.onReturnPressed: activated()
    Keys.onEnterPressed: activated()
    Keys.onSpacePressed: activated()

    Column {
        id: column
        anchors.verticalCenter: parent.verticalCenter
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.leftMargin: Theme.gapLarge
        anchors.rightMargin: Theme.gapLarge
        spacing: 4
        readonly property real naturalWidth: Math.max(mainLabel.implicitWidth, detailLabel.implicitWidth)
        Text {
            id: mainLabel
            width: parent.width
            text: button.text
            color: button.inkColour
            font.family: button.fontFamily
            font.pixelSize: Theme.textLarge
            font.bold: true
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignLeft
        }
        Text {
            id: detailLabel
            width: parent.width
            visible: button.detail.length > 0
            text: button.detail
            color: button.inkColour
            font.family: button.fontFamily
            font.pixelSize: Theme.textSmall
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignLeft
        }
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        onClicked: button.activated()
    }
}

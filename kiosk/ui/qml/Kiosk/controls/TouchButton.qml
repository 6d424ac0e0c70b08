import QtQuick
import Kiosk
import Kiosk.Backend

// A large touch target with a text label; taps, Enter and Space all act.
Rectangle {
    id: button
    property string text
    property string detail
    property string kind: "normal"   // normal | primary | urgent | exit | quiet
    property string fontFamily: Theme.fontFamily
    // Tool bars keep one size whatever the text-size setting, so content keeps the room.
    property int labelSize: Theme.textLarge
    property int detailSize: Theme.textSmall
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
    border.width: kind === "normal" || kind === "quiet" ? 2 : (Display.highContrast ? 2 : 0)
    border.color: Theme.border
    opacity: pressedDown ? 0.85 : 1
    activeFocusOnTab: true

    readonly property color inkColour: kind === "urgent" ? Theme.urgentInk
                                     : kind === "primary" ? Theme.primaryInk
                                     : kind === "exit" ? Theme.exitInk
                                     : Theme.ink

    FocusRing { radius: button.radius }

    // A screen reader hears the label as the name and the detail as its description, as a platform
    // button with a tooltip; a hidden button is not in its tree at all.
    Accessible.role: Accessible.Button
    Accessible.name: Reading.clean(text)
    Accessible.description: detail !== text ? Reading.clean(detail) : ""
    Accessible.ignored: !visible
    // Qt already offers "Press" for a button; handling Accessible.pressAction would list it twice.
    function accessiblePressAction() { activated() }
    function accessibleToggleAction() { activated() }
    Keys.onReturnPressed: activated()
    Keys.onEnterPressed: activated()
    Keys.onSpacePressed: activated()
    Keys.onPressed: (event) => Reading.arrow(button, event, LayoutMirroring.enabled)
    onActiveFocusChanged: if (activeFocus) Reading.reveal(button)

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
            font.pixelSize: button.labelSize
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
            font.pixelSize: button.detailSize
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

import QtQuick
import Kiosk
import Kiosk.Backend

// A paragraph of body text. In Easy Read each idea gets a line of its own with a simple picture
// beside it (IdeaLine); in every other language it is one wrapped text.
Item {
    id: para
    property string text
    property color color: Theme.ink
    property alias font: label.font
    property int horizontalAlignment: Text.AlignLeft
    property bool pictures: Session.easyRead
    readonly property var ideas: pictures && text.length > 0 ? Content.ideas(text) : []

    width: parent ? parent.width : implicitWidth
    implicitWidth: label.implicitWidth
    implicitHeight: ideas.length > 0 ? lines.implicitHeight : label.implicitHeight

    Text {
        id: label
        width: parent.width
        visible: para.ideas.length === 0
        text: para.text
        color: para.color
        font.family: Theme.fontFamily
        font.pixelSize: Theme.textBody
        lineHeight: 1.2
        wrapMode: Text.Wrap
        horizontalAlignment: para.horizontalAlignment
        Accessible.role: Accessible.StaticText
        Accessible.name: Reading.clean(text)
        // Hidden (Easy Read shows the lines instead) or empty: not in a screen reader's tree.
        Accessible.ignored: !visible || !text
    }

    Column {
        id: lines
        width: parent.width
        visible: para.ideas.length > 0
        spacing: Theme.gap / 2
        Repeater {
            model: para.ideas
            IdeaLine {
                required property var modelData
                width: lines.width
                icon: modelData.icon
                text: modelData.text
                color: para.color
                font: label.font
                horizontalAlignment: para.horizontalAlignment
            }
        }
    }
}

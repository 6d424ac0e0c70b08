import QtQuick
import Kiosk
import Kiosk.Backend

// One Easy Read idea: a simple picture on the leading side, then the line of text.
// The picture is decoration: the text carries the meaning, for screen readers and Listen alike.
Item {
    id: line
    property string icon
    property alias text: words.text
    property alias color: words.color
    property alias font: words.font
    property alias horizontalAlignment: words.horizontalAlignment
    readonly property int side: Math.round(metrics.height * words.lineHeight * 1.6)
    // A centred paragraph centres picture and words together, so the picture stays beside its words.
    readonly property bool centred: horizontalAlignment === Text.AlignHCenter
    readonly property real room: width - side - row.spacing

    implicitHeight: row.height

    FontMetrics { id: metrics; font: words.font }

    Row {
        id: row
        anchors.left: line.centred ? undefined : parent.left
        anchors.horizontalCenter: line.centred ? parent.horizontalCenter : undefined
        spacing: Theme.gap

        Image {
            objectName: "ideaPicture"
            width: line.side
            height: line.side
            sourceSize: Qt.size(line.side, line.side)
            source: line.icon && Content.images ? "image://icon/" + line.icon + "/" + Theme.ink : ""
            fillMode: Image.PreserveAspectFit
            Accessible.ignored: true
        }

        Item {
            width: line.centred ? Math.min(line.room, Math.ceil(words.implicitWidth)) : line.room
            height: Math.max(line.side, words.implicitHeight)
            Text {
                id: words
                width: parent.width
                // A line shorter than its picture sits level with the picture's middle.
                y: Math.max(0, (line.side - implicitHeight) / 2)
                wrapMode: Text.Wrap
                lineHeight: 1.2
                Accessible.role: Accessible.StaticText
                Accessible.name: Reading.clean(text)
                Accessible.ignored: !visible || !text
            }
        }
    }
}

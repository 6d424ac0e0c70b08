import QtQuick
import Kiosk

// A list of short points, each with a bullet that does not rely on colour.
Column {
    property var items: []
    width: parent ? parent.width : implicitWidth
    spacing: Theme.gap / 2
    Repeater {
        model: parent.items
        Row {
            required property string modelData
            width: parent.width
            spacing: Theme.gap
            Rectangle {
                width: 12; height: 12; radius: 6
                color: Theme.ink
                y: Theme.textBody * 0.55
            }
            Para {
                width: parent.width - 12 - Theme.gap
                text: modelData
            }
        }
    }
}

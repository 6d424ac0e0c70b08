import QtQuick
import Kiosk
import Kiosk.Backend

// A list of short points, each with a bullet that does not rely on colour.
// In Easy Read each point's picture (see Para) takes the bullet's place.
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
                visible: !Session.easyRead
                width: 12; height: 12; radius: 6
                color: Theme.ink
                y: Theme.textBody * 0.55
            }
            Para {
                width: Session.easyRead ? parent.width : parent.width - 12 - Theme.gap
                text: modelData
            }
        }
    }
}

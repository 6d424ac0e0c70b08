import QtQuick
import Kiosk

Text {
    property int level: 1
    width: parent ? parent.width : implicitWidth
    color: Theme.ink
    font.family: Theme.fontFamily
    font.pixelSize: level === 1 ? Theme.textTitle : Theme.textHeading
    font.bold: true
    wrapMode: Text.Wrap
    horizontalAlignment: Text.AlignLeft
    Accessible.role: Accessible.Heading
    Accessible.name: text
}

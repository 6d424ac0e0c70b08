import QtQuick
import Kiosk

Text {
    width: parent ? parent.width : implicitWidth
    color: Theme.ink
    font.family: Theme.fontFamily
    font.pixelSize: Theme.textBody
    lineHeight: 1.2
    wrapMode: Text.Wrap
    horizontalAlignment: Text.AlignLeft
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}

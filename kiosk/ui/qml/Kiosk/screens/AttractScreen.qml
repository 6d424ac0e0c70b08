import QtQuick
import Kiosk
import Kiosk.Backend

// After an idle reset: a calm invitation, in each offered language in turn. Any touch starts.
Rectangle {
    id: attract
    objectName: "screen:attract"
    property int secondsPerLanguage: 5
    readonly property var lines: Content.attractLines(Session.languageCodes)
    property int index: 0
    readonly property var line: lines[index % lines.length]
    color: Theme.background
    Accessible.role: Accessible.Button
    Accessible.name: line.title + " " + line.touch
    Accessible.onPressAction: Session.endAttract()

    Timer {
        interval: attract.secondsPerLanguage * 1000
        running: attract.visible && attract.lines.length > 1
        repeat: true
        onTriggered: attract.index = (attract.index + 1) % attract.lines.length
    }

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 1200)
        spacing: Theme.gapLarge
        LayoutMirroring.enabled: attract.line.rtl
        Text {
            objectName: "attractTitle"
            width: parent.width
            text: attract.line.title
            color: Theme.ink
            font.family: attract.line.font
            font.pixelSize: Theme.textTitle * 1.3
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            width: parent.width
            text: attract.line.touch
            color: Theme.inkMuted
            font.family: attract.line.font
            font.pixelSize: Theme.textHeading
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    MouseArea {
        objectName: "startFromAttract"
        anchors.fill: parent
        onClicked: Session.endAttract()
    }
}

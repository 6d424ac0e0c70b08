import QtQuick
import Kiosk
import Kiosk.Backend

// Shown at once by "Leave quickly": nothing on it says what was being read.
Rectangle {
    objectName: "screen:neutral"
    color: Theme.neutral
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Information point")

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 900)
        spacing: Theme.gapLarge
        Heading { text: qsTr("Information point"); horizontalAlignment: Text.AlignHCenter }
        Para {
            text: qsTr("Please ask at the desk if you need help.")
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.textLarge
        }
    }
    MouseArea {
        objectName: "uncover"
        anchors.fill: parent
        onClicked: Session.uncover()
    }
}

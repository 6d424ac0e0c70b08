import QtQuick
import Kiosk
import Kiosk.Backend

// Every shipped language in its own name and script (never flags); one tap switches, no restart.
Rectangle {
    id: picker
    signal closed()
    color: Theme.overlay
    objectName: "languagePicker"

    MouseArea { anchors.fill: parent; onClicked: picker.closed() }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.pageMargin, 1000)
        height: Math.min(parent.height - 2 * Theme.gapLarge, column.implicitHeight + 2 * Theme.gapLarge)
        radius: Theme.radius
        color: Theme.surface
        MouseArea { anchors.fill: parent }  // taps on the panel do not close it

        Flickable {
            anchors.fill: parent
            anchors.margins: Theme.gapLarge
            contentHeight: column.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: column
                width: parent.width
                spacing: Theme.gap
                Heading { text: qsTr("Choose your language") }
                Grid {
                    id: grid
                    width: parent.width
                    columns: width > 700 ? 2 : 1
                    spacing: Theme.gap
                    Repeater {
                        model: Session.languages
                        TouchButton {
                            required property var modelData
                            objectName: "language:" + modelData.code
                            width: (grid.width - (grid.columns - 1) * grid.spacing) / grid.columns
                            text: modelData.name
                            detail: modelData.english
                            kind: modelData.code === Session.language ? "primary" : "normal"
                            fontFamily: modelData.font
                            Accessible.name: modelData.name
                            onActivated: { Session.setLanguage(modelData.code); picker.closed() }
                        }
                    }
                }
                TouchButton {
                    objectName: "closeLanguages"
                    width: parent.width
                    kind: "quiet"
                    text: qsTr("Close")
                    onActivated: picker.closed()
                }
            }
        }
    }
}

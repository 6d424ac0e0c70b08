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
        height: Math.min(parent.height - 2 * Theme.gapLarge,
                         column.implicitHeight + Theme.gap + close.height + 2 * Theme.gapLarge)
        radius: Theme.radius
        color: Theme.surface
        MouseArea { anchors.fill: parent }  // taps on the panel do not close it

        // The languages scroll when the screen is short; "Close" stays in sight below them.
        Flickable {
            id: list
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: close.top
            anchors.margins: Theme.gapLarge
            anchors.bottomMargin: Theme.gap
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
            }
        }
        Rectangle {
            // Scroll position, in the panel's margin, shown only when some languages are out of sight.
            visible: list.contentHeight > list.height
            anchors.right: parent.right
            anchors.rightMargin: (Theme.gapLarge - width) / 2
            width: 10
            radius: 5
            color: Theme.border
            y: list.y + list.visibleArea.yPosition * list.height
            height: Math.max(40, list.visibleArea.heightRatio * list.height)
        }
        TouchButton {
            id: close
            objectName: "closeLanguages"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.gapLarge
            kind: "quiet"
            text: qsTr("Close")
            onActivated: picker.closed()
        }
    }
}

import QtQuick
import Kiosk
import Kiosk.Backend

// Every shipped language in its own name and script (never flags); one tap switches, no restart.
// A dialog: it takes the focus when it opens (the language in use), Tab stays in it (Main hides
// what it covers), Escape closes it, and Main gives the focus back to "Language" when it closes.
Rectangle {
    id: picker
    signal closed()
    color: Theme.overlay
    objectName: "languagePicker"  // kiosk.ui.modal tells screen readers it is a modal dialog
    readonly property string title: qsTr("Choose your language")
    Accessible.role: Accessible.Dialog
    Accessible.name: title
    Keys.onEscapePressed: picker.closed()
    Component.onCompleted: {
        for (var i = 0; i < languages.count; ++i) {
            if (languages.itemAt(i).current) { languages.itemAt(i).forceActiveFocus(); return }
        }
        close.forceActiveFocus()
    }

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
            // Room for the focus ring inside the clip, the buttons where they were.
            readonly property int ring: 10
            anchors.margins: Theme.gapLarge - ring
            anchors.bottomMargin: Theme.gap
            contentHeight: column.implicitHeight + ring
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Column {
                id: column
                x: list.ring
                y: list.ring
                width: parent.width - 2 * list.ring
                spacing: Theme.gap
                Heading { text: picker.title }
                Grid {
                    id: grid
                    width: parent.width
                    columns: width > 700 ? 2 : 1
                    spacing: Theme.gap
                    Repeater {
                        id: languages
                        model: Session.languages
                        TouchButton {
                            required property var modelData
                            readonly property bool current: modelData.code === Session.language
                            objectName: "language:" + modelData.code
                            width: (grid.width - (grid.columns - 1) * grid.spacing) / grid.columns
                            text: modelData.name
                            detail: modelData.english
                            kind: current ? "primary" : "normal"
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
            y: list.y + list.ring + list.visibleArea.yPosition * (list.height - list.ring)
            height: Math.max(40, list.visibleArea.heightRatio * (list.height - list.ring))
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

import QtQuick
import Kiosk
import Kiosk.Backend

ScrollPage {
    id: page
    objectName: "screen:home"
    Row {
        width: parent.width
        spacing: Theme.gap
        Image {
            id: logo
            objectName: "partnershipLogo"
            visible: Content.logo !== ""
            source: Content.logo
            height: visible ? Math.max(72, title.height) : 0
            width: visible ? Math.min(height * implicitWidth / Math.max(1, implicitHeight), 320) : 0
            sourceSize.height: 2 * 72
            fillMode: Image.PreserveAspectFit
            // The partnership's name is in the top bar beside it: read once, not twice.
            Accessible.ignored: true
        }
        Heading {
            id: title
            width: parent.width - (logo.visible ? logo.width + parent.spacing : 0)
            text: Content.title
        }
    }
    Para { text: Content.subtitle; font.pixelSize: Theme.textLarge; color: Theme.inkMuted }
    Grid {
        id: grid
        width: parent.width
        columns: width > 900 ? 2 : 1
        spacing: Theme.gap
        Repeater {
            model: Content.homeChoices
            ChoiceButton {
                required property var modelData
                width: (grid.width - (grid.columns - 1) * grid.spacing) / grid.columns
                // All seven choices fit above the reading-help bar at 1080p, also with Easy Read pictures.
                height: Math.max(implicitHeight, Session.easyRead ? 120 : 140)
                text: modelData.label
                detail: modelData.detail
                target: modelData.target
                kind: modelData.style
                onActivated: Session.go(target)
            }
        }
    }
}

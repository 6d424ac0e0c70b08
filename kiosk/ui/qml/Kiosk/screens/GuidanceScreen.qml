import QtQuick
import Kiosk
import Kiosk.Backend

ScrollPage {
    objectName: "screen:guidance"
    Heading { text: Content.guidanceTitle }
    Repeater {
        model: Content.guidance
        Column {
            required property var modelData
            width: parent.width
            spacing: Theme.gap
            Heading { level: 2; text: modelData.title }
            Repeater { model: modelData.paragraphs; Para { required property string modelData; text: modelData } }
            BulletList { items: modelData.points; visible: modelData.points.length > 0 }
        }
    }
    TouchButton {
        objectName: "go:take:all"
        width: parent.width
        kind: "primary"
        text: qsTr("Take the numbers with me")
        detail: qsTr("Print a slip or scan a code with your phone")
        onActivated: Session.go("take:all")
    }
}

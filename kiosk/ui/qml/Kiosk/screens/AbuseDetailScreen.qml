import QtQuick
import Kiosk
import Kiosk.Backend

ScrollPage {
    objectName: "screen:abuse"
    readonly property var info: Content.abuseType(Session.arg)
    Heading { text: info.title }
    Heading { level: 2; text: qsTr("What it is") }
    Repeater { model: info.whatItIs; Para { required property string modelData; text: modelData } }
    Heading { level: 2; text: qsTr("Signs you might notice") }
    BulletList { items: info.signs }
    Para { text: qsTr("A sign is not proof. You do not need to be sure to share a worry."); color: Theme.inkMuted }
    Heading { level: 2; text: qsTr("What you can do") }
    Repeater { model: info.whatYouCanDo; Para { required property string modelData; text: modelData } }
    NumberCard {
        name: info.contact.name
        phone: info.contact.phone
        shownPhone: info.contact.shownPhone
        email: info.contact.email
        whoFor: info.contact.whoFor
    }
    TouchButton {
        objectName: "go:take:" + info.concern
        width: parent.width
        kind: "primary"
        text: qsTr("Take the numbers with me")
        detail: qsTr("Print a slip or scan a code with your phone")
        onActivated: Session.go("take:" + info.concern)
    }
}

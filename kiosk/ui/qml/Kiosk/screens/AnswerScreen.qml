import QtQuick
import Kiosk
import Kiosk.Backend

// One clear answer: the number in very large type, who answers, what to say, how to take it away.
ScrollPage {
    objectName: "screen:answer"
    readonly property var answer: Content.answer(Session.arg)
    Heading { objectName: "answerHeading"; text: answer.heading }
    Repeater {
        model: answer.contacts
        NumberCard {
            required property var modelData
            name: modelData.name
            phone: modelData.phone
            shownPhone: modelData.shownPhone
            email: modelData.email
            big: true
        }
    }
    Para { text: answer.whoAnswers; font.pixelSize: Theme.textLarge }
    TouchButton {
        objectName: "go:take:" + answer.concern
        width: parent.width
        kind: "primary"
        text: qsTr("Take this number with me")
        detail: qsTr("Print a slip or scan a code with your phone")
        onActivated: Session.go("take:" + answer.concern)
    }
    Heading { level: 2; text: qsTr("They may ask you") }
    BulletList { items: answer.whatToSay }
    Repeater {
        model: answer.also
        Para { required property string modelData; text: modelData }
    }
    TouchButton {
        objectName: "go:guidance"
        width: parent.width
        text: qsTr("What to do if someone tells you something")
        onActivated: Session.go("guidance")
    }
}

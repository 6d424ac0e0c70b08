import QtQuick
import Kiosk
import Kiosk.Backend

ScrollPage {
    objectName: "screen:question"
    readonly property var question: Content.question(Session.arg)
    Heading { text: question.title }
    Repeater {
        model: question.body
        Para { required property string modelData; text: modelData }
    }
    Repeater {
        model: question.options
        ChoiceButton {
            required property var modelData
            width: parent.width
            text: modelData.label
            detail: modelData.detail
            target: modelData.target
            kind: modelData.style
            onActivated: Session.go(target)
        }
    }
}

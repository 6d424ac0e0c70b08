import QtQuick
import Kiosk
import Kiosk.Backend

Window {
    id: root
    required property bool kioskMode
    required property int startWidth
    required property int startHeight

    width: startWidth
    height: startHeight
    visible: true
    visibility: kioskMode ? Window.FullScreen : Window.Windowed
    flags: kioskMode ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    color: Theme.background
    title: qsTr("Information point")

    // Right-to-left languages mirror the whole layout; Text follows, numbers stay left-to-right.
    LayoutMirroring.enabled: Session.rtl
    LayoutMirroring.childrenInherit: true
    property bool pickingLanguage: false

    function componentFor(kind) {
        switch (kind) {
        case "question": return questionScreen
        case "answer": return answerScreen
        case "abuse-types": return abuseTypesScreen
        case "abuse": return abuseScreen
        case "guidance": return guidanceScreen
        case "take": return takeScreen
        default: return homeScreen
        }
    }

    // A fresh screen on every change: no scroll position or state outlives a screen.
    function showCurrent() {
        page.sourceComponent = undefined
        page.sourceComponent = componentFor(Session.screen)
    }

    Connections {
        target: Session
        function onScreenChanged() { root.showCurrent() }
        function onWiped() { root.pickingLanguage = false }
    }
    Connections {
        target: Content
        // The same screen, rebuilt once the content speaks the new language.
        function onChanged() { root.showCurrent() }
    }
    Component.onCompleted: {
        showCurrent()
        contentItem.forceActiveFocus()  // so the first Tab lands on the first control
    }

    TopBar {
        id: bar
        anchors { top: parent.top; left: parent.left; right: parent.right }
    }
    Loader {
        id: page
        objectName: "page"
        anchors { top: bar.bottom; left: parent.left; right: parent.right; bottom: access.top }
    }
    AccessBar {
        id: access
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        onLanguageRequested: root.pickingLanguage = true
    }

    Component { id: homeScreen; HomeScreen {} }
    Component { id: questionScreen; QuestionScreen {} }
    Component { id: answerScreen; AnswerScreen {} }
    Component { id: abuseTypesScreen; AbuseTypesScreen {} }
    Component { id: abuseScreen; AbuseDetailScreen {} }
    Component { id: guidanceScreen; GuidanceScreen {} }
    Component { id: takeScreen; TakeScreen {} }

    IdleWarning {
        objectName: "idleWarning"
        anchors.fill: parent
        visible: Idle.warning && !Session.neutral
    }
    Loader {
        anchors.fill: parent
        active: root.pickingLanguage
        sourceComponent: LanguagePicker { onClosed: root.pickingLanguage = false }
    }
    Loader {
        anchors.fill: parent
        active: Session.attract && !Session.neutral
        sourceComponent: AttractScreen {}
    }
    Loader {
        anchors.fill: parent
        active: Staff.mode !== "closed"
        sourceComponent: StaffPanel {}
    }
    NeutralScreen {
        anchors.fill: parent
        visible: Session.neutral
    }
}

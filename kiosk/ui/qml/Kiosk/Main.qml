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

    // Only the home and neutral screens are compiled with this file, so the first frame pays for
    // one screen (and "Leave quickly" never waits). Every other screen and overlay is compiled
    // when first needed, or before that, one at a time while nobody is touching the screen after
    // the first frame (preload). By file, not by module and type name: in a process that has had
    // another kiosk window (tests, screenshots), Qt 6.11 made a by-name component from the
    // earlier engine's type, and crashed.
    readonly property var screenTypes: ({
        "question": "QuestionScreen", "answer": "AnswerScreen", "abuse-types": "AbuseTypesScreen",
        "abuse": "AbuseDetailScreen", "guidance": "GuidanceScreen", "take": "TakeScreen"
    })
    property var made: ({})

    function component(type) {
        if (!made[type]) {
            const folder = type.endsWith("Screen") ? "screens/" : "controls/"
            made[type] = Qt.createComponent(Qt.resolvedUrl(folder + type + ".qml"), Component.PreferSynchronous, root)
        }
        return made[type]
    }
    function componentFor(kind) {
        return screenTypes[kind] ? component(screenTypes[kind]) : homeScreen
    }

    // A fresh screen on every change: no scroll position or state outlives a screen.
    function showCurrent() {
        page.sourceComponent = undefined
        page.sourceComponent = componentFor(Session.screen)
    }

    onFrameSwapped: if (!preload.done && !preload.running) preload.start()
    Timer {
        id: preload
        // In the likely order of a resident's journey; the staff panel waits for staff.
        readonly property var types: [
            "QuestionScreen", "AnswerScreen", "TakeScreen", "IdleWarning", "LanguagePicker",
            "AbuseTypesScreen", "AbuseDetailScreen", "GuidanceScreen", "AttractScreen"
        ]
        property int next: 0
        property bool done: false
        interval: 20
        repeat: true
        onTriggered: {
            root.component(types[next++])
            if (next === types.length) { done = true; stop() }
        }
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
    Component { id: neutralScreen; NeutralScreen {} }

    Loader {
        anchors.fill: parent
        active: Idle.warning && !Session.neutral
        sourceComponent: active ? root.component("IdleWarning") : null
    }
    Loader {
        anchors.fill: parent
        active: root.pickingLanguage
        sourceComponent: active ? root.component("LanguagePicker") : null
        onLoaded: item.closed.connect(() => root.pickingLanguage = false)
    }
    Loader {
        anchors.fill: parent
        active: Session.attract && !Session.neutral
        sourceComponent: active ? root.component("AttractScreen") : null
    }
    Loader {
        anchors.fill: parent
        active: Staff.mode !== "closed"
        sourceComponent: active ? root.component("StaffPanel") : null
    }
    Loader {
        anchors.fill: parent
        active: Session.neutral
        sourceComponent: neutralScreen
    }
}

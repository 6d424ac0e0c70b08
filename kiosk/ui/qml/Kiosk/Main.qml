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
    // The focus goes into the new screen, to its heading, so a screen reader announces it.
    function focusScreen() {
        if (page.item && page.item.focusHeading) page.item.focusHeading()
    }
    function named(item, name) {
        if (!item || !item.visible) return null
        if (item.objectName === name) return item
        for (var i = 0; i < item.children.length; ++i) {
            var found = named(item.children[i], name)
            if (found) return found
        }
        return null
    }
    // A new language rebuilds the bars and the screen, so that every node a screen reader has
    // cached is new and tells it the new language. The focus stays on the control it was on, or
    // goes to the screen's heading when that control is gone (Easy Read hides its own button).
    function rebuild() {
        const focused = root.activeFocusItem
        const had = focused && focused !== contentItem ? focused.objectName : null
        for (const loader of [topBar, accessBar]) {
            loader.active = false
            loader.active = true
        }
        showCurrent()
        if (had === null || pickingLanguage) return
        const again = had ? (named(page.item, had) || named(topBar.item, had) || named(accessBar.item, had)) : null
        if (again) again.forceActiveFocus(Qt.OtherFocusReason)
        else focusScreen()
    }
    function languagePickerClosed() {
        focusOnScreen = accessBar.item.languageButton  // the new one, if the bars were rebuilt
        pickingLanguage = false
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
        function onScreenChanged() { root.showCurrent(); root.focusScreen() }
        function onWiped() { root.pickingLanguage = false }
    }
    Connections {
        target: Content
        // The same screen, rebuilt once the content speaks the new language.
        function onChanged() { root.rebuild() }
    }
    Component.onCompleted: {
        showCurrent()
        contentItem.forceActiveFocus()  // so the first Tab lands on the first control
    }

    // While a dialog is open, what it covers is out of sight, out of the Tab order and out of a
    // screen reader's tree, as under a platform's modal dialog.
    readonly property bool covered: pickingLanguage || idleWarning.active
    // Where the focus was on the screen itself, so that it goes back there when a dialog closes
    // (once the dialog has gone: closed from one of its own keys, it is torn down after this).
    property Item focusOnScreen: null
    onActiveFocusItemChanged: {
        for (let item = activeFocusItem; item; item = item.parent) {
            if (item === page || item === topBar || item === accessBar) {
                focusOnScreen = activeFocusItem
                return
            }
        }
    }
    onCoveredChanged: if (!covered) Qt.callLater(focusBack)
    function focusBack() {
        if (!covered && focusOnScreen && focusOnScreen.visible) focusOnScreen.forceActiveFocus()
    }

    Loader {
        id: topBar
        anchors { top: parent.top; left: parent.left; right: parent.right }
        height: item ? item.implicitHeight : 0
        visible: !root.covered
        sourceComponent: TopBar {}
    }
    Loader {
        id: page
        objectName: "page"
        visible: !root.covered
        anchors { top: topBar.bottom; left: parent.left; right: parent.right; bottom: accessBar.top }
    }
    Loader {
        id: accessBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: item ? item.implicitHeight : 0
        visible: !root.covered
        sourceComponent: AccessBar {
            onLanguageRequested: root.pickingLanguage = true
        }
    }

    Component { id: homeScreen; HomeScreen {} }
    Component { id: neutralScreen; NeutralScreen {} }

    Loader {
        id: idleWarning
        anchors.fill: parent
        active: Idle.warning && !Session.neutral
        sourceComponent: active ? root.component("IdleWarning") : null
    }
    Loader {
        anchors.fill: parent
        active: root.pickingLanguage
        sourceComponent: active ? root.component("LanguagePicker") : null
        onLoaded: item.closed.connect(root.languagePickerClosed)
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

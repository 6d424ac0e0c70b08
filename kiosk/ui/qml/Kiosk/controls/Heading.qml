import QtQuick
import Kiosk

// A screen's title (level 1) or a section's (level 2). The title takes the focus when its screen
// appears, so a screen reader announces the new screen; a section heading is a Tab stop that brings
// its section into view, so what is below the fold can be reached and reviewed.
Text {
    id: heading
    property int level: 1
    readonly property bool isHeading: true
    width: parent ? parent.width : implicitWidth
    color: Theme.ink
    font.family: Theme.fontFamily
    font.pixelSize: level === 1 ? Theme.textTitle : Theme.textHeading
    font.bold: true
    wrapMode: Text.Wrap
    horizontalAlignment: Text.AlignLeft
    activeFocusOnTab: level > 1
    Accessible.role: Accessible.Heading
    // It can take the focus: Orca's Qt script speaks a focus change only on a "focusable" object.
    Accessible.focusable: true
    Accessible.name: Reading.clean(text)
    Accessible.ignored: !visible || !text
    FocusRing { radius: 4 }
    Keys.onPressed: (event) => Reading.arrow(heading, event, LayoutMirroring.enabled)
    Keys.onTabPressed: Reading.move(heading, true)
    Keys.onBacktabPressed: Reading.move(heading, false)
    // A screen's title is at the top of its new page already (and not laid out yet when it gets the focus).
    onActiveFocusChanged: if (activeFocus && level > 1) Reading.reveal(heading, true)
}

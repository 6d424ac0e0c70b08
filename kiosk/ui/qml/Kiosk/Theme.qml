pragma Singleton
import QtQuick
import Kiosk.Backend

// Design tokens: every size, colour and font the kiosk uses, in one place.
QtObject {
    // Touch: 72 px is about 20 mm on a 24-inch 1080p screen.
    readonly property int touchTarget: 72
    readonly property int gap: 16
    readonly property int gapLarge: 32
    readonly property int radius: 14
    readonly property int pageMargin: 40
    readonly property int readingWidth: 1300

    // The face for the current language's script (Latin, Arabic script, Chinese).
    readonly property string fontFamily: Session.fontFamily
    readonly property int textSmall: 22
    readonly property int textBody: 26
    readonly property int textLarge: 30
    readonly property int textHeading: 38
    readonly property int textTitle: 46
    readonly property int textNumber: 84
    readonly property int textNumberSmall: 54

    // Contrast (WCAG 2.2): ink on background 15.8:1, white on primary 9.4:1, white on urgent 6.5:1.
    readonly property color background: "#f3f5f7"
    readonly property color surface: "#ffffff"
    readonly property color ink: "#14181d"
    readonly property color inkMuted: "#3f464e"
    readonly property color primary: "#0b4a7d"
    readonly property color primaryInk: "#ffffff"
    readonly property color urgent: "#a8192e"
    readonly property color urgentInk: "#ffffff"
    readonly property color border: "#6b737c"
    readonly property color focus: "#ffdd00"
    readonly property color exit: "#14181d"
}

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
    // Every text size follows the resident's choice (standard, large, largest); touch targets stay.
    readonly property real scale: Display.scale
    readonly property int textSmall: Math.round(22 * scale)
    readonly property int textBody: Math.round(26 * scale)
    readonly property int textLarge: Math.round(30 * scale)
    readonly property int textHeading: Math.round(38 * scale)
    readonly property int textTitle: Math.round(46 * scale)
    readonly property int textNumber: Math.round(84 * scale)
    readonly property int textNumberSmall: Math.round(54 * scale)

    // Colours come from kiosk/core/theme.py, where a test checks every pair against WCAG 2.2
    // (standard AA 4.5:1, high contrast AAA 7:1).
    readonly property var palette: Display.palette
    readonly property color background: palette.background
    readonly property color surface: palette.surface
    readonly property color ink: palette.ink
    readonly property color inkMuted: palette.inkMuted
    readonly property color primary: palette.primary
    readonly property color primaryInk: palette.primaryInk
    readonly property color urgent: palette.urgent
    readonly property color urgentInk: palette.urgentInk
    readonly property color exit: palette.exit
    readonly property color exitInk: palette.exitInk
    readonly property color border: palette.border
    readonly property color focus: palette.focus
    readonly property color focusOutline: palette.focusOutline
    readonly property color neutral: palette.neutral
    readonly property color overlay: palette.overlay
}

.pragma library

// What a screen reader gets: names without the layout's invisible marks, keys that move the focus.

// Bidi isolates and marks keep numbers left to right on screen; in a spoken name they are noise
// (a screen reader may read them, and they split a number apart for braille).
var MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function clean(text) {
    return (text || "").replace(MARKS, "").replace(/\s+/g, " ").trim()
}

// A name and its number -> "<name>, <number>", with the comma of the
// language in use; a part that already ends with a mark ("What is abuse?") gets no second one.
function join(first, second) {
    var a = clean(first), b = clean(second)
    if (!a || !b) return a || b
    var language = Qt.locale().name
    var comma = /^(ur|ar)/.test(language) ? "، " : /^zh/.test(language) ? "，" : ", "
    return /[.?!:;,،؟۔。？！：；，]$/.test(a) ? a + " " + b : a + comma + b
}

// Arrow keys move like Tab; left and right follow the reading direction (`mirrored`: right to left).
function arrow(item, event, mirrored) {
    var forward = event.key === Qt.Key_Down ? true
                : event.key === Qt.Key_Up ? false
                : event.key === Qt.Key_Right ? !mirrored
                : event.key === Qt.Key_Left ? mirrored
                : null
    event.accepted = forward !== null
    if (forward !== null) move(item, forward)
}

// The next (or previous) item in the Tab order from `item`, even from one that is not itself a
// Tab stop (a screen's title): Qt would start again from the top of the window.
function move(item, forward) {
    var next = item.nextItemInFocusChain(forward)
    if (next) next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
}

// Keep what has keyboard focus on screen; a section heading brings its whole section up with it.
function reveal(item, section) {
    for (var p = item.parent; p; p = p.parent) {
        if (p.isScrollPage) { p.ensureVisible(item, section); return }
    }
}

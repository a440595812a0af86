/*
 * The key table: one row per key, named as QEMU's QKeyCode (the names the
 * monitor's sendkey and QMP's input-send-event take), with the codes each
 * keyboard interface sends for it. Everything in ui/input.c derives from
 * this table; add a key here and every mapping follows.
 *
 * Columns: enum suffix, QKeyCode name, PC/AT scan code set 1 (0xe0xx for
 * the extended prefix), set 2 (same), Sun Type 5 keyboard key number
 * (Sun Type 5 Keyboard Technical Reference), Apple ADB virtual key code,
 * USB HID usage (page 7; SDL's scancodes are these numbers), and the US
 * layout's unshifted and shifted character for the text consoles. -1 (or 0
 * for the characters) means the key does not exist on that interface.
 * Facts from the keycodemapdb database shared by QEMU and GTK-VNC.
 */
#ifndef UI_KEYCODES_H
#define UI_KEYCODES_H

#define UI_KEYCODES(KEY) \
    KEY(ESC,             "esc",              0x01,   0x76,   0x1d, 0x35, 41,  0,    0) \
    KEY(1,               "1",                0x02,   0x16,   0x1e, 0x12, 30,  '1',  '!') \
    KEY(2,               "2",                0x03,   0x1e,   0x1f, 0x13, 31,  '2',  '@') \
    KEY(3,               "3",                0x04,   0x26,   0x20, 0x14, 32,  '3',  '#') \
    KEY(4,               "4",                0x05,   0x25,   0x21, 0x15, 33,  '4',  '$') \
    KEY(5,               "5",                0x06,   0x2e,   0x22, 0x17, 34,  '5',  '%') \
    KEY(6,               "6",                0x07,   0x36,   0x23, 0x16, 35,  '6',  '^') \
    KEY(7,               "7",                0x08,   0x3d,   0x24, 0x1a, 36,  '7',  '&') \
    KEY(8,               "8",                0x09,   0x3e,   0x25, 0x1c, 37,  '8',  '*') \
    KEY(9,               "9",                0x0a,   0x46,   0x26, 0x19, 38,  '9',  '(') \
    KEY(0,               "0",                0x0b,   0x45,   0x27, 0x1d, 39,  '0',  ')') \
    KEY(MINUS,           "minus",            0x0c,   0x4e,   0x28, 0x1b, 45,  '-',  '_') \
    KEY(EQUAL,           "equal",            0x0d,   0x55,   0x29, 0x18, 46,  '=',  '+') \
    KEY(BACKSPACE,       "backspace",        0x0e,   0x66,   0x2b, 0x33, 42,  '\b', '\b') \
    KEY(TAB,             "tab",              0x0f,   0x0d,   0x35, 0x30, 43,  '\t', '\t') \
    KEY(Q,               "q",                0x10,   0x15,   0x36, 0x0c, 20,  'q',  'Q') \
    KEY(W,               "w",                0x11,   0x1d,   0x37, 0x0d, 26,  'w',  'W') \
    KEY(E,               "e",                0x12,   0x24,   0x38, 0x0e, 8,   'e',  'E') \
    KEY(R,               "r",                0x13,   0x2d,   0x39, 0x0f, 21,  'r',  'R') \
    KEY(T,               "t",                0x14,   0x2c,   0x3a, 0x11, 23,  't',  'T') \
    KEY(Y,               "y",                0x15,   0x35,   0x3b, 0x10, 28,  'y',  'Y') \
    KEY(U,               "u",                0x16,   0x3c,   0x3c, 0x20, 24,  'u',  'U') \
    KEY(I,               "i",                0x17,   0x43,   0x3d, 0x22, 12,  'i',  'I') \
    KEY(O,               "o",                0x18,   0x44,   0x3e, 0x1f, 18,  'o',  'O') \
    KEY(P,               "p",                0x19,   0x4d,   0x3f, 0x23, 19,  'p',  'P') \
    KEY(BRACKET_LEFT,    "bracket_left",     0x1a,   0x54,   0x40, 0x21, 47,  '[',  '{') \
    KEY(BRACKET_RIGHT,   "bracket_right",    0x1b,   0x5b,   0x41, 0x1e, 48,  ']',  '}') \
    KEY(RET,             "ret",              0x1c,   0x5a,   0x59, 0x24, 40,  '\r', '\r') \
    KEY(CTRL,            "ctrl",             0x1d,   0x14,   0x4c, 0x36, 224, 0,    0) \
    KEY(A,               "a",                0x1e,   0x1c,   0x4d, 0x00, 4,   'a',  'A') \
    KEY(S,               "s",                0x1f,   0x1b,   0x4e, 0x01, 22,  's',  'S') \
    KEY(D,               "d",                0x20,   0x23,   0x4f, 0x02, 7,   'd',  'D') \
    KEY(F,               "f",                0x21,   0x2b,   0x50, 0x03, 9,   'f',  'F') \
    KEY(G,               "g",                0x22,   0x34,   0x51, 0x05, 10,  'g',  'G') \
    KEY(H,               "h",                0x23,   0x33,   0x52, 0x04, 11,  'h',  'H') \
    KEY(J,               "j",                0x24,   0x3b,   0x53, 0x26, 13,  'j',  'J') \
    KEY(K,               "k",                0x25,   0x42,   0x54, 0x28, 14,  'k',  'K') \
    KEY(L,               "l",                0x26,   0x4b,   0x55, 0x25, 15,  'l',  'L') \
    KEY(SEMICOLON,       "semicolon",        0x27,   0x4c,   0x56, 0x29, 51,  ';',  ':') \
    KEY(APOSTROPHE,      "apostrophe",       0x28,   0x52,   0x57, 0x27, 52,  '\'', '"') \
    KEY(GRAVE_ACCENT,    "grave_accent",     0x29,   0x0e,   0x2a, 0x32, 53,  '`',  '~') \
    KEY(SHIFT,           "shift",            0x2a,   0x12,   0x63, 0x38, 225, 0,    0) \
    KEY(BACKSLASH,       "backslash",        0x2b,   0x5d,   0x58, 0x2a, 49,  '\\', '|') \
    KEY(Z,               "z",                0x2c,   0x1a,   0x64, 0x06, 29,  'z',  'Z') \
    KEY(X,               "x",                0x2d,   0x22,   0x65, 0x07, 27,  'x',  'X') \
    KEY(C,               "c",                0x2e,   0x21,   0x66, 0x08, 6,   'c',  'C') \
    KEY(V,               "v",                0x2f,   0x2a,   0x67, 0x09, 25,  'v',  'V') \
    KEY(B,               "b",                0x30,   0x32,   0x68, 0x0b, 5,   'b',  'B') \
    KEY(N,               "n",                0x31,   0x31,   0x69, 0x2d, 17,  'n',  'N') \
    KEY(M,               "m",                0x32,   0x3a,   0x6a, 0x2e, 16,  'm',  'M') \
    KEY(COMMA,           "comma",            0x33,   0x41,   0x6b, 0x2b, 54,  ',',  '<') \
    KEY(DOT,             "dot",              0x34,   0x49,   0x6c, 0x2f, 55,  '.',  '>') \
    KEY(SLASH,           "slash",            0x35,   0x4a,   0x6d, 0x2c, 56,  '/',  '?') \
    KEY(SHIFT_R,         "shift_r",          0x36,   0x59,   0x6e, 0x7b, 229, 0,    0) \
    KEY(ASTERISK,        "asterisk",         0x37,   0x7c,   0x2f, 0x43, 85,  0,    0) \
    KEY(KP_MULTIPLY,     "kp_multiply",      0x37,   0x7c,   0x2f, 0x43, 85,  0,    0) \
    KEY(ALT,             "alt",              0x38,   0x11,   0x13, 0x3a, 226, 0,    0) \
    KEY(SPC,             "spc",              0x39,   0x29,   0x79, 0x31, 44,  ' ',  ' ') \
    KEY(CAPS_LOCK,       "caps_lock",        0x3a,   0x58,   0x77, 0x39, 57,  0,    0) \
    KEY(F1,              "f1",               0x3b,   0x05,   0x05, 0x7a, 58,  0,    0) \
    KEY(F2,              "f2",               0x3c,   0x06,   0x06, 0x78, 59,  0,    0) \
    KEY(F3,              "f3",               0x3d,   0x04,   0x08, 0x63, 60,  0,    0) \
    KEY(F4,              "f4",               0x3e,   0x0c,   0x0a, 0x76, 61,  0,    0) \
    KEY(F5,              "f5",               0x3f,   0x03,   0x0c, 0x60, 62,  0,    0) \
    KEY(F6,              "f6",               0x40,   0x0b,   0x0e, 0x61, 63,  0,    0) \
    KEY(F7,              "f7",               0x41,   0x83,   0x10, 0x62, 64,  0,    0) \
    KEY(F8,              "f8",               0x42,   0x0a,   0x11, 0x64, 65,  0,    0) \
    KEY(F9,              "f9",               0x43,   0x01,   0x12, 0x65, 66,  0,    0) \
    KEY(F10,             "f10",              0x44,   0x09,   0x07, 0x6d, 67,  0,    0) \
    KEY(NUM_LOCK,        "num_lock",         0x45,   0x77,   0x62, 0x47, 83,  0,    0) \
    KEY(SCROLL_LOCK,     "scroll_lock",      0x46,   0x7e,   0x17, 0x6b, 71,  0,    0) \
    KEY(KP_7,            "kp_7",             0x47,   0x6c,   0x44, 0x59, 95,  0,    0) \
    KEY(KP_8,            "kp_8",             0x48,   0x75,   0x45, 0x5b, 96,  0,    0) \
    KEY(KP_9,            "kp_9",             0x49,   0x7d,   0x46, 0x5c, 97,  0,    0) \
    KEY(KP_SUBTRACT,     "kp_subtract",      0x4a,   0x7b,   0x47, 0x4e, 86,  0,    0) \
    KEY(KP_4,            "kp_4",             0x4b,   0x6b,   0x5b, 0x56, 92,  0,    0) \
    KEY(KP_5,            "kp_5",             0x4c,   0x73,   0x5c, 0x57, 93,  0,    0) \
    KEY(KP_6,            "kp_6",             0x4d,   0x74,   0x5d, 0x58, 94,  0,    0) \
    KEY(KP_ADD,          "kp_add",           0x4e,   0x79,   0x7d, 0x45, 87,  0,    0) \
    KEY(KP_1,            "kp_1",             0x4f,   0x69,   0x70, 0x53, 89,  0,    0) \
    KEY(KP_2,            "kp_2",             0x50,   0x72,   0x71, 0x54, 90,  0,    0) \
    KEY(KP_3,            "kp_3",             0x51,   0x7a,   0x72, 0x55, 91,  0,    0) \
    KEY(KP_0,            "kp_0",             0x52,   0x70,   0x5e, 0x52, 98,  0,    0) \
    KEY(KP_DECIMAL,      "kp_decimal",       0x53,   0x71,   0x32, 0x41, 99,  0,    0) \
    KEY(LESS,            "less",             0x56,   0x61,   0x7c, -1,   100, 0,    0) \
    KEY(F11,             "f11",              0x57,   0x78,   0x09, 0x67, 68,  0,    0) \
    KEY(F12,             "f12",              0x58,   0x07,   0x0b, 0x6f, 69,  0,    0) \
    KEY(RO,              "ro",               0x73,   0x51,   -1,   -1,   135, 0,    0) \
    KEY(HIRAGANA,        "hiragana",         0x77,   0x62,   -1,   -1,   147, 0,    0) \
    KEY(HENKAN,          "henkan",           0x79,   0x64,   -1,   -1,   138, 0,    0) \
    KEY(KATAKANAHIRAGANA, "katakanahiragana", 0x70,   0x13,   -1,   -1,   136, 0,    0) \
    KEY(MUHENKAN,        "muhenkan",         0x7b,   0x67,   -1,   -1,   139, 0,    0) \
    KEY(KP_ENTER,        "kp_enter",         0xe01c, 0xe05a, 0x5a, 0x4c, 88,  0,    0) \
    KEY(CTRL_R,          "ctrl_r",           0xe01d, 0xe014, 0x4c, 0x7d, 228, 0,    0) \
    KEY(KP_DIVIDE,       "kp_divide",        0xe035, 0xe04a, 0x2e, 0x4b, 84,  0,    0) \
    KEY(PRINT,           "print",            0x54,   0x7f,   0x16, 0x69, 70,  0,    0) \
    KEY(SYSRQ,           "sysrq",            0x54,   0x7f,   0x16, 0x69, 70,  0,    0) \
    KEY(ALT_R,           "alt_r",            0xe038, 0xe011, 0x0d, 0x7c, 230, 0,    0) \
    KEY(LF,              "lf",               0x5b,   -1,     0x6f, -1,   -1,  0,    0) \
    KEY(HOME,            "home",             0xe047, 0xe06c, 0x34, 0x73, 74,  0,    0) \
    KEY(UP,              "up",               0xe048, 0xe075, 0x14, 0x3e, 82,  0,    0) \
    KEY(PGUP,            "pgup",             0xe049, 0xe07d, 0x60, 0x74, 75,  0,    0) \
    KEY(LEFT,            "left",             0xe04b, 0xe06b, 0x18, 0x3b, 80,  0,    0) \
    KEY(RIGHT,           "right",            0xe04d, 0xe074, 0x1c, 0x3c, 79,  0,    0) \
    KEY(END,             "end",              0xe04f, 0xe069, 0x4a, 0x77, 77,  0,    0) \
    KEY(DOWN,            "down",             0xe050, 0xe072, 0x1b, 0x3d, 81,  0,    0) \
    KEY(PGDN,            "pgdn",             0xe051, 0xe07a, 0x7b, 0x79, 78,  0,    0) \
    KEY(INSERT,          "insert",           0xe052, 0xe070, 0x2c, 0x72, 73,  0,    0) \
    KEY(DELETE,          "delete",           0xe053, 0xe071, 0x42, 0x75, 76,  0,    0) \
    KEY(AUDIOMUTE,       "audiomute",        0xe020, 0xe023, -1,   -1,   127, 0,    0) \
    KEY(VOLUMEDOWN,      "volumedown",       0xe02e, 0xe021, -1,   -1,   129, 0,    0) \
    KEY(VOLUMEUP,        "volumeup",         0xe030, 0xe032, -1,   -1,   128, 0,    0) \
    KEY(POWER,           "power",            0xe05e, 0xe037, -1,   -1,   102, 0,    0) \
    KEY(KP_EQUALS,       "kp_equals",        0x59,   0x0f,   0x2d, 0x51, 103, 0,    0) \
    KEY(PAUSE,           "pause",            0xe046, 0xe077, 0x15, 0x71, 72,  0,    0) \
    KEY(KP_COMMA,        "kp_comma",         0x7e,   0x6d,   -1,   -1,   133, 0,    0) \
    KEY(LANG1,           "lang1",            0xf2,   0xf2,   -1,   -1,   144, 0,    0) \
    KEY(LANG2,           "lang2",            0xf1,   0xf1,   -1,   -1,   145, 0,    0) \
    KEY(YEN,             "yen",              0x7d,   0x6a,   -1,   -1,   137, 0,    0) \
    KEY(META_L,          "meta_l",           0xe05b, 0xe01f, 0x78, 0x37, 227, 0,    0) \
    KEY(META_R,          "meta_r",           0xe05c, 0xe027, 0x7a, 0x37, 231, 0,    0) \
    KEY(COMPOSE,         "compose",          0xe05d, 0xe02f, 0x43, -1,   101, 0,    0) \
    KEY(STOP,            "stop",             0xe068, 0xe028, 0x01, -1,   120, 0,    0) \
    KEY(AGAIN,           "again",            0xe005, -1,     0x03, -1,   121, 0,    0) \
    KEY(PROPS,           "props",            0xe006, -1,     0x19, -1,   -1,  0,    0) \
    KEY(UNDO,            "undo",             0xe007, -1,     0x1a, -1,   122, 0,    0) \
    KEY(FRONT,           "front",            0xe00c, -1,     0x31, -1,   119, 0,    0) \
    KEY(COPY,            "copy",             0xe078, -1,     0x33, -1,   124, 0,    0) \
    KEY(OPEN,            "open",             0x64,   -1,     0x48, -1,   116, 0,    0) \
    KEY(PASTE,           "paste",            0x65,   -1,     0x49, -1,   125, 0,    0) \
    KEY(FIND,            "find",             0xe041, -1,     0x5f, -1,   126, 0,    0) \
    KEY(CUT,             "cut",              0xe03c, -1,     0x61, -1,   123, 0,    0) \
    KEY(HELP,            "help",             0xe075, -1,     0x76, -1,   117, 0,    0) \
    KEY(MENU,            "menu",             0xe01e, -1,     -1,   -1,   118, 0,    0) \
    KEY(CALCULATOR,      "calculator",       0xe021, 0xe02b, -1,   -1,   251, 0,    0) \
    KEY(SLEEP,           "sleep",            0xe05f, 0xe03f, -1,   -1,   248, 0,    0) \
    KEY(WAKE,            "wake",             0xe063, 0xe05e, -1,   -1,   -1,  0,    0) \
    KEY(MAIL,            "mail",             0xe06c, 0xe048, -1,   -1,   -1,  0,    0) \
    KEY(AC_BOOKMARKS,    "ac_bookmarks",     0xe066, 0xe018, -1,   -1,   -1,  0,    0) \
    KEY(COMPUTER,        "computer",         0xe06b, 0xe040, -1,   -1,   -1,  0,    0) \
    KEY(AC_BACK,         "ac_back",          0xe06a, 0xe038, -1,   -1,   241, 0,    0) \
    KEY(AC_FORWARD,      "ac_forward",       0xe069, 0xe030, -1,   -1,   242, 0,    0) \
    KEY(AUDIONEXT,       "audionext",        0xe019, 0xe04d, -1,   -1,   235, 0,    0) \
    KEY(AUDIOPLAY,       "audioplay",        0xe022, 0xe034, -1,   -1,   232, 0,    0) \
    KEY(AUDIOPREV,       "audioprev",        0xe010, 0xe015, -1,   -1,   234, 0,    0) \
    KEY(AUDIOSTOP,       "audiostop",        0xe024, 0xe03b, -1,   -1,   233, 0,    0) \
    KEY(AC_HOME,         "ac_home",          0xe032, 0xe03a, -1,   -1,   -1,  0,    0) \
    KEY(AC_REFRESH,      "ac_refresh",       0xe067, 0xe020, -1,   -1,   250, 0,    0) \
    KEY(F13,             "f13",              0x5d,   0x2f,   -1,   0x69, 104, 0,    0) \
    KEY(F14,             "f14",              0x5e,   0x37,   -1,   0x6b, 105, 0,    0) \
    KEY(F15,             "f15",              0x5f,   0x3f,   -1,   0x71, 106, 0,    0) \
    KEY(F16,             "f16",              0x55,   -1,     -1,   -1,   107, 0,    0) \
    KEY(F17,             "f17",              0xe003, -1,     -1,   -1,   108, 0,    0) \
    KEY(F18,             "f18",              0xe077, -1,     -1,   -1,   109, 0,    0) \
    KEY(F19,             "f19",              0xe004, -1,     -1,   -1,   110, 0,    0) \
    KEY(F20,             "f20",              0x5a,   -1,     -1,   -1,   111, 0,    0) \
    KEY(F21,             "f21",              0x74,   -1,     -1,   -1,   112, 0,    0) \
    KEY(F22,             "f22",              0xe079, -1,     -1,   -1,   113, 0,    0) \
    KEY(F23,             "f23",              0x6d,   -1,     -1,   -1,   114, 0,    0) \
    KEY(F24,             "f24",              0x6f,   -1,     -1,   -1,   115, 0,    0) \
    KEY(MEDIASELECT,     "mediaselect",      0xe06d, 0xe050, -1,   -1,   -1,  0,    0)

#endif

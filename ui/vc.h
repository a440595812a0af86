/*
 * Text consoles (ui/vc.c): the "vc" chardev backend. What a frontend (a
 * serial port, the monitor) writes is drawn as a VT100-style terminal on a
 * display console of its own; keys typed while that console is shown come
 * back as input. -serial vc, -monitor vc, -chardev vc,id=ID[,cols=N][,rows=N]
 * (or width=/height= in pixels, and QEMU's vc:80Cx24C / vc:640x480).
 */
#ifndef UI_VC_H
#define UI_VC_H

#include "chardev/char.h"
#include "ui/console.h"

/* The size of a vc given none, as QEMU's default consoles (vc:80Cx24C). */
#define VC_DEFAULT_COLS 80
#define VC_DEFAULT_ROWS 24

/*
 * Gives every vc its display console, numbered after the consoles that
 * exist now: ui_init calls it once the devices have made theirs, so the
 * guest's screen is console 1 (Ctrl-Alt-1) as in QEMU although chardevs
 * are created first. A vc created later gets its console at once.
 */
void vc_consoles_init(void);

/* The display console of a vc chardev; NULL for other chardevs and before
 * vc_consoles_init. */
DisplayConsole *vc_console(Chardev *chr);

#endif

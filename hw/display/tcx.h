/*
 * Sun TCX framebuffer (SBus, sun4m): what the board calls (hw/display/tcx.c).
 */
#ifndef HW_DISPLAY_TCX_H
#define HW_DISPLAY_TCX_H

#include "hw/core/irq.h"
#include "hw/core/qdev.h"
#include "softmmu/memory.h"

/*
 * Creates a TCX of width x height (at most 1024x768) and depth 8 or 24,
 * maps its regions in the SBus slot at base (0x50000000 on the SS-5) and
 * connects its vertical-retrace interrupt to irq. The FCode PROM
 * (QEMU,tcx.bin) is loaded into its ROM when found. Dies on bad
 * parameters, as board construction does.
 */
Device *tcx_create(hwaddr base, Irq *irq, int width, int height, int depth);

#endif

/*
 * Interrupt lines between devices and CPUs.
 *
 * An Irq is an input: setting its level calls the owner's handler with the
 * line number. Outputs are plain `Irq *` fields a board connects; a NULL
 * output is unconnected and setting it does nothing.
 */
#ifndef HW_CORE_IRQ_H
#define HW_CORE_IRQ_H

typedef void (*IrqHandler)(void *opaque, int n, int level);

typedef struct Irq {
    IrqHandler handler;
    void *opaque;
    int n;
} Irq;

Irq *irq_new(IrqHandler handler, void *opaque, int n);
/* count inputs numbered 0..count-1 */
Irq **irq_new_array(IrqHandler handler, void *opaque, int count);
void irq_free(Irq *irq);

void irq_set(Irq *irq, int level);
static inline void irq_raise(Irq *irq) { irq_set(irq, 1); }
static inline void irq_lower(Irq *irq) { irq_set(irq, 0); }
/* A raise then a lower, for edge-triggered inputs. */
void irq_pulse(Irq *irq);

/* An input that drives `target` with the opposite level. */
Irq *irq_invert(Irq *target);
/* An input that drives all of targets[0..n-1] (NULL entries skipped). */
Irq *irq_fanout(Irq **targets, int n);

#endif

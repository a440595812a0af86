/*
 * Interrupt lines: inputs with a handler, plus inverters and fan-outs built
 * from the same mechanism.
 */
#include <glib.h>

#include "hw/core/irq.h"

Irq *irq_new(IrqHandler handler, void *opaque, int n)
{
    Irq *irq = g_new0(Irq, 1);
    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

Irq **irq_new_array(IrqHandler handler, void *opaque, int count)
{
    Irq **irqs = g_new0(Irq *, count);
    for (int i = 0; i < count; i++) {
        irqs[i] = irq_new(handler, opaque, i);
    }
    return irqs;
}

void irq_free(Irq *irq)
{
    g_free(irq);
}

void irq_set(Irq *irq, int level)
{
    if (irq && irq->handler) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

void irq_pulse(Irq *irq)
{
    irq_set(irq, 1);
    irq_set(irq, 0);
}

static void irq_invert_handler(void *opaque, int n, int level)
{
    irq_set(opaque, !level);
}

Irq *irq_invert(Irq *target)
{
    return irq_new(irq_invert_handler, target, 0);
}

typedef struct IrqFanout {
    Irq **targets;
    int n;
} IrqFanout;

static void irq_fanout_handler(void *opaque, int n, int level)
{
    IrqFanout *f = opaque;
    for (int i = 0; i < f->n; i++) {
        irq_set(f->targets[i], level);
    }
}

Irq *irq_fanout(Irq **targets, int n)
{
    IrqFanout *f = g_new0(IrqFanout, 1);
    f->targets = g_memdup2(targets, sizeof(Irq *) * n);
    f->n = n;
    return irq_new(irq_fanout_handler, f, 0);
}

/* The smallest test-board guest: console output and a clean exit. */
#include "tb.h"

int main(void)
{
    tb_puts("hello from sparc\n");
    return 0;
}

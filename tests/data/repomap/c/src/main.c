#include <stdio.h>
#include "list.h"

int main(void) {
    struct list l = {0};
    list_push(&l, 3);
    printf("%d\n", l.len);
    return 0;
}

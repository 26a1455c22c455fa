#include "list.h"

int list_push(struct list *l, int value) {
    if (l->len >= LIST_MAX) {
        return -1;
    }
    l->items[l->len++] = value;
    return 0;
}

#ifndef LIST_H
#define LIST_H

#define LIST_MAX 64

struct list {
    int len;
    int items[LIST_MAX];
};

int list_push(struct list *l, int value);

#endif

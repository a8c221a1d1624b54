/*
 * iso3166.c — build-time converter: Debian's iso-codes ISO 3166-1 JSON
 * (alpha_3, name, official_name, common_name) to the actor stage's
 * country format, one line per country: "RUS | Russian Federation | ...".
 * Names written "Korea, Republic of" or with parentheses are left out
 * (news text never writes them so); countries.txt adds the short forms.
 *
 * usage: iso3166 IN.json OUT.txt
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int usable(const char *s)
{
    return s && *s && strchr(s, ',') == NULL && strchr(s, '(') == NULL &&
           strchr(s, '|') == NULL && strchr(s, '#') == NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: iso3166 IN.json OUT.txt\n");
        return 2;
    }
    json_error_t je;
    json_t *root = json_load_file(argv[1], 0, &je);
    if (root == NULL) {
        fprintf(stderr, "%s:%d: %s\n", argv[1], je.line, je.text);
        return 1;
    }
    json_t *list = json_object_get(root, "3166-1");
    if (!json_is_array(list)) {
        fprintf(stderr, "%s: no \"3166-1\" array\n", argv[1]);
        json_decref(root);
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (out == NULL) {
        perror(argv[2]);
        json_decref(root);
        return 1;
    }
    fprintf(out, "# Generated from %s by tools/iso3166.c; do not edit.\n", argv[1]);
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *code = json_string_value(json_object_get(c, "alpha_3"));
        const char *fields[] = {"common_name", "name", "official_name"};
        if (code == NULL || strlen(code) != 3)
            continue;
        const char *names[3];
        int k = 0;
        for (int f = 0; f < 3; f++) {
            const char *v = json_string_value(json_object_get(c, fields[f]));
            if (!usable(v))
                continue;
            int dup = 0;
            for (int j = 0; j < k; j++)
                dup |= strcmp(names[j], v) == 0;
            if (!dup)
                names[k++] = v;
        }
        if (k == 0)
            continue;
        fprintf(out, "%s", code);
        for (int j = 0; j < k; j++)
            fprintf(out, " | %s", names[j]);
        fputc('\n', out);
    }
    int bad = fclose(out) != 0;
    json_decref(root);
    return bad;
}

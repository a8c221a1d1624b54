/*
 * pipeline.c — the stage table, in order, and the driver that runs it.
 * A new stage is one line here plus its folder; stages never call each
 * other, they read the layers earlier stages left on the document.
 */
#include "dl.h"

const dl__stage *const dl__pipeline[] = {
    &dl__stage_text,
    &dl__stage_syntax,
    &dl__stage_time,
    &dl__stage_actors,
    &dl__stage_places,
    &dl__stage_quotes,
    &dl__stage_events,
};
const size_t dl__pipeline_len = DL_ARRAY_LEN(dl__pipeline);

dl_code dl_annotate_some(const dl_kb *kb, dl_doc *doc, unsigned stages,
                         dl_error *err)
{
    dl__error_clear(err);
    /* a stage pulls in what it needs */
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < dl__pipeline_len; i++)
            if (stages & dl__pipeline[i]->id)
                stages |= dl__pipeline[i]->needs;
    for (size_t i = 0; i < dl__pipeline_len; i++) {
        const dl__stage *st = dl__pipeline[i];
        if (!(stages & st->id) || (doc->done & st->id) || !(kb->stages & st->id))
            continue;
        dl_code rc = st->run(kb, kb->state[i], doc, err);
        if (rc == DL_OK && doc->arena.failed)
            rc = dl__fail(err, DL_ENOMEM, "out of memory in stage %s", st->name);
        if (rc != DL_OK)
            return rc;
        doc->done |= st->id;
    }
    return DL_OK;
}

dl_code dl_annotate(const dl_kb *kb, dl_doc *doc, dl_error *err)
{
    return dl_annotate_some(kb, doc, DL_STAGE_ALL, err);
}

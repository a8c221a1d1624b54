# syntax.mk — the syntax stage's model. data/syntax/en_ewt.model is
# committed (trained from UD English EWT, CC BY-SA 4.0), so a build needs
# no treebank; it is copied into $(BUILD)/data/syntax/. `make model`
# retrains it from ../shared/train/ud with tools/mksyntax.c
# (deterministic: the same treebank gives the same bytes).

UD_DIR ?= $(SHARED)/train/ud
DATA_FILES += $(BUILD)/data/syntax/en_ewt.model

$(BUILD)/data/syntax/en_ewt.model: data/syntax/en_ewt.model
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/tools/mksyntax: tools/mksyntax.c $(BUILD)/libdateline.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tools/mksyntax.c $(BUILD)/libdateline.a $(LDFLAGS) $(LDLIBS)

.PHONY: model
model: $(BUILD)/tools/mksyntax
	$(BUILD)/tools/mksyntax $(UD_DIR)/en_ewt-ud-train.conllu \
	    $(UD_DIR)/en_ewt-ud-dev.conllu data/syntax/en_ewt.model

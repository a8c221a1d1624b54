# Quotes stage data: the cue lexicon is copied as is.
DATA_FILES += $(BUILD)/data/quotes/cues.txt

$(BUILD)/data/quotes/%.txt: data/quotes/%.txt
	@mkdir -p $(dir $@)
	cp $< $@

"""Reading a unit specification (PDF, DOCX or text) into a unit, for review before use.

The stages, one module each: `reading` recognises the file and hands it to `read_pdf`,
`read_docx` or `read_text`, which give `Line`s (text with its page, and its table column and
position where the format shows them); `cleaning` takes away what pages add (footers, repeated
headers and pages, hyphens, bullet glyphs); `sections` cuts the text at its headings; `fields`,
`rules` and `nos` find the unit's facts; `outcomes` builds the LOs and ACs; `parse` puts it
together into a `ParsedUnit` (`result`), and `writing` turns one into a unit file.

Nothing here invents a value: what is not found stays empty, and what is guessed is marked
`unsure` with the reason. No Qt, no pydantic: the importer runs in the CLI and, later, the window.
"""

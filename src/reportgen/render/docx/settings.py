"""Document settings in the order the schema gives them (Word refuses them out of order), and
the compatibility mode of current Word."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

_ORDER = [
    qn(f"w:{name}")
    for name in (
        "writeProtection view zoom removePersonalInformation removeDateAndTime "
        "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
        "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
        "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
        "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
        "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
        "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
        "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
        "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
        "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
        "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
        "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
        "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
        "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
        "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
        "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
        "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
        "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
        "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
        "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
        "docVars rsids"
    ).split()
]
_ORDER += [
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr",
    *(
        qn(f"w:{name}")
        for name in (
            "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
            "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType"
        ).split()
    ),
    "{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary",
    *(
        qn(f"w:{name}")
        for name in "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator".split()
    ),
]
_RANK = {tag: rank for rank, tag in enumerate(_ORDER)}
_WORD = "http://schemas.microsoft.com/office/word"
COMPATIBILITY = {
    # Word 2013 and later, with the options Word itself writes for that mode.
    "compatibilityMode": "15",
    "overrideTableStyleFontSizeAndJustification": "1",
    "enableOpenTypeFeatures": "1",
    "doNotFlipMirrorIndents": "1",
    "differentiateMultirowTableHeaders": "1",
}


def set_setting(document: Document, element: BaseOxmlElement) -> None:
    """Put `element` in the settings at its place in the schema's order, replacing its kind.
    Elements of extensions (w14, w15) stay last, where Word writes them."""
    settings = document.settings.element
    for old in settings.findall(element.tag):
        settings.remove(old)
    rank = _RANK.get(element.tag, len(_ORDER))
    for child in settings:
        if _RANK.get(child.tag, len(_ORDER)) > rank:
            child.addprevious(element)
            return
    settings.append(element)


def set_compatibility(document: Document) -> None:
    """Word 2013's compatibility mode, so Word opens the file without "Compatibility Mode";
    lines ending in a line break (contact blocks) are not stretched when justified."""
    compat = document.settings.element.find(qn("w:compat"))
    kept = (
        [] if compat is None else [child for child in compat if child.tag != qn("w:compatSetting")]
    )
    if not any(child.tag == qn("w:doNotExpandShiftReturn") for child in kept):
        kept.insert(0, parse_xml(f"<w:doNotExpandShiftReturn {nsdecls('w')}/>"))
    settings = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="{_WORD}" w:val="{value}"/>'
        for name, value in COMPATIBILITY.items()
    )
    new = parse_xml(f"<w:compat {nsdecls('w')}>{settings}</w:compat>")
    for child in reversed(kept):
        new.insert(0, child)
    set_setting(document, new)

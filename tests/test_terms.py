"""Segmentation-aware term matching."""
from checker.language.terms import TermMatcher

M = TermMatcher(["护学", "护学岗", "近视", "师德", "师德档案", "高中", "高中阶段"])


def test_term_does_not_match_across_a_word_boundary():
    assert M.find("保护学生身心健康", "护学") == []
    assert M.find("接近视力正常水平", "近视") == []


def test_term_matches_as_a_word():
    assert M.find("全面设置护学岗", "护学岗") == [4]
    assert M.find("学生近视率下降", "近视") == [2]


def test_a_term_inside_a_longer_pack_term_keeps_its_edges():
    assert M.find("建立师德档案", "师德") == [2]
    assert M.find("高中阶段教育毛入学率", "高中") == [0]


def test_non_word_terms_match_as_text():
    m = TermMatcher(["5+2"])
    assert m.find("全面推行“5+2+1”模式", "5+2") == [5]


def test_edge_shortcut_gives_the_same_hits_as_full_segmentation():
    """find() skips segmenting when no dictionary word can span a term's edges; on every seed
    sentence and every pack term its hits must equal those read off jieba's full cut."""
    from pathlib import Path

    from checker.evaluate import make_context
    from checker.reading.load import load
    from checker.reading.normalize import normalize
    from checker.packs import all_rules, load_packs
    from checker.reading.structure import structure

    rules = all_rules(load_packs())
    matcher = make_context(rules).matcher
    # a second matcher cuts the sentences: the first one's dictionary then holds only what its
    # own edge checks loaded (Segmenter.crosses loads the keys of the block before an offset)
    cutter = make_context(rules).matcher
    plain = [t for t in matcher.terms if matcher._is_plain(t)]
    compared = 0
    for seed in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt")):
        for s in structure(normalize(load(str(seed)))).sentences:
            for term in plain:
                if term not in s.text:
                    continue
                cuts = cutter.boundaries(s.text)
                expected, i = [], s.text.find(term)
                while i >= 0:
                    if i in cuts and i + len(term) in cuts:
                        expected.append(i)
                    i = s.text.find(term, i + 1)
                assert matcher.find(s.text, term) == expected, (term, s.text)
                compared += 1
    assert compared > 500


def test_block_cut_equals_the_whole_cut_on_mixed_text():
    """find() cuts only the run of jieba word characters holding an occurrence; on text mixing
    Han, Latin, digits, punctuation, "\\r" and characters jieba does not join (U+9FD6 and up),
    its hits must equal those read off the cut of the whole text."""
    from hypothesis import given, settings, strategies as st

    terms = ["护学", "护学岗", "近视", "师德", "师德档案", "高中", "高中阶段", "课后服务", "服务"]
    matcher, cutter = TermMatcher(terms), TermMatcher(terms)
    pieces = st.sampled_from(["保护学生", "护学岗", "设置护学岗位", "接近视力", "近视率", "师德档案",
                              "高中阶段", "高中", "课后服务", "服务", "5+2", "abc", "2023", "x.y",
                              "，", "。", " ", "\r\n", "\r", "鿖", "鿰", "%", "-", "教育", "学生"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, min_size=1, max_size=14))
    def check(parts):
        text = "".join(parts)
        cuts = cutter.boundaries(text)
        for term in terms:
            expected, i = [], text.find(term)
            while i >= 0:
                if i in cuts and i + len(term) in cuts:
                    expected.append(i)
                i = text.find(term, i + 1)
            assert matcher.find(text, term) == expected, (term, text)

    check()


def test_a_term_glued_to_its_rate_by_jieba_still_names_it():
    # jieba cuts "学生|体质健康|测试率": the term ends inside the word 测试率, which is its own rate
    m = TermMatcher(["体质健康测试"])
    assert m.find("2023年全县学生体质健康测试率100%", "体质健康测试") == [9]
    assert m.any("学生体质健康测试率100%", ["体质健康测试"])

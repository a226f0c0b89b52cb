#!/usr/bin/env python3
"""Writes the hand-made seeds of tests/fuzz/corpus/ (run from the repository root; the examples
are copied too). Seeds are small on purpose: libFuzzer mutates small inputs fastest."""
import json, os, re, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CORPUS = os.path.join(ROOT, 'tests', 'fuzz', 'corpus')

def fields():
    """The numeric fields of model/inputs.cpp: {struct: [(key, min, max, integer)]}."""
    src = open(os.path.join(ROOT, 'model', 'inputs.cpp')).read()
    consts = {'kMaxMoney': 1e12, 'kMaxCount': 1e13}
    val = lambda x: consts[x.strip()] if x.strip() in consts else float(x)
    out = {}
    for m in re.finditer(r'const Field<(\w+)> k\w+\[\] = \{(.*?)\n\};', src, re.S):
        out[m.group(1)] = [(k, val(a), val(b), i == 'true') for k, a, b, i in re.findall(
            r'\{\{"(\w+)",\s*"[^"]*",\s*U::\w+,\s*([^,]+),\s*([^,]+),\s*(true|false)', m.group(2))]
    return out

F = fields()
LAYER_TYPES = ['tokenUsage', 'fixedMonthly', 'staff', 'humanReview', 'perUnit', 'oneTime']
CATEGORIES = ['modelTokens', 'infrastructure', 'integration', 'dataGovernance', 'training',
              'humanReview', 'other']
KINDS = ['laborReclaimed', 'addedCapacity', 'revenueUplift', 'retention', 'newRevenue',
         'grossMarginGain', 'avoidedCost', 'softValue']
TERMS = ['revenue', 'grossMargin', 'avoidedCost']
AREAS = ['revenueGrowth', 'operationalEfficiency', 'riskReduction', 'decisionIntelligence']

def values(struct, pick):
    return {k: (int(pick(lo, hi)) if integer else pick(lo, hi)) for k, lo, hi, integer in F[struct]}

def workbook(pick, horizon=36, growth=None, name='Seed'):
    layers = [dict(name='L%d' % i, type=t, category=CATEGORIES[i % 7], model='m',
                   basis=['handledUnit', 'outcome', 'call'][i % 3], **values('CostLayer', pick))
              for i, t in enumerate(LAYER_TYPES)]
    layers.append(dict(name='per call', type='perUnit', category='other', basis='call',
                       **values('CostLayer', pick)))
    drivers = []
    for i, k in enumerate(KINDS):
        for mode in range(2):
            d = dict(name='D%d.%d' % (i, mode), kind=k, hard=k != 'softValue', term=TERMS[i % 3],
                     area=AREAS[i % 4], capacityMode=['perUnit', 'avoidedHires'][mode],
                     avoidedMode=['fixedMonthly', 'errorReduction'][mode], metric='CSAT',
                     **values('ValueDriver', pick))
            drivers.append(d)
    ramp = dict(goLive='2027-03', curve='sCurve', **values('RampUp', pick))
    if growth is not None:
        ramp['volumeGrowth'] = growth
    settings = dict(name=name, currency='EUR', startMonth='2027-01', horizonMonths=horizon,
                    softValueInHeadline=True, preparedBy='', logoPng='iVBORw0KGgo=',
                    monteCarlo=dict(trials=10, seed=1), **values('Settings', pick))
    return {'format': 'roi-workbench', 'version': 1, 'settings': settings,
            'priceBook': [dict(model='m', asOf='2026-12-01', **values('PriceEntry', pick))],
            'scenarios': [
                {'name': 'Base', 'adjustments': []},
                {'name': 'Best', 'adjustments': [
                    {'input': 'baseline.volume', 'op': 'multiply', 'value': 2},
                    {'input': 'layers[*].share', 'op': 'set', 'value': 0.5},
                    {'input': 'prices["m"].output', 'op': 'add', 'value': 1, 'useCase': 'U'}]},
                {'name': 'Worst', 'adjustments': [
                    {'input': 'ramp.goLiveDelay', 'op': 'add', 'value': 200},
                    {'input': 'settings.discountRate', 'op': 'set', 'value': 5},
                    {'input': 'drivers[0].minutesWithAi', 'op': 'multiply', 'value': 1e300}]}],
            'useCases': [{
                'name': 'U', 'description': 'all types', 'maturity': 'decision',
                'baseline': dict(capturedOn='2026-10-31', source='s', unit='ticket', notes='n',
                                 **values('Baseline', pick)),
                'outcome': dict(name='resolved', **values('Outcome', pick)),
                'costLayers': layers, 'valueDrivers': drivers,
                'risk': values('RiskDiscount', pick), 'ramp': ramp,
                'scorecard': [{'bucket': 'quality', 'name': 'CSAT', 'unit': '%', 'baseline': 1,
                               'target': 2, 'actual': None},
                              {'bucket': 'cost', 'name': 'x', 'unit': '', 'baseline': -1e15,
                               'target': 1e15, 'actual': 3}]}]}

def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(CORPUS, target, name), mode) as f:
        f.write(data)

def js(obj, indent=None):
    return json.dumps(obj, indent=indent, ensure_ascii=False)

# --- workbook: valid ones -------------------------------------------------------------------
os.makedirs(os.path.join(CORPUS, 'workbook'), exist_ok=True)
for ex in ('support-assistant.roiwb', 'portfolio.roiwb'):
    shutil.copy(os.path.join(ROOT, 'resources', 'examples', ex),
                os.path.join(CORPUS, 'workbook', 'example-' + ex))
write('workbook', 'minimal.roiwb', js({'format': 'roi-workbench', 'version': 1, 'useCases': []}))
write('workbook', 'all-types-mid.roiwb', js(workbook(lambda lo, hi: (lo + min(hi, 1000)) / 2)))
write('workbook', 'all-min.roiwb', js(workbook(lambda lo, hi: lo, horizon=1)))
write('workbook', 'all-max.roiwb', js(workbook(lambda lo, hi: hi, horizon=120)))
write('workbook', 'max-growth-120.roiwb', js(workbook(lambda lo, hi: hi, horizon=120, growth=1.0)))
write('workbook', 'min-growth-120.roiwb', js(workbook(lambda lo, hi: hi, horizon=120, growth=-0.5)))
uni = {'format': 'roi-workbench', 'version': 1, 'settings': {'name': 'Ünïcødé 中文 \U0001F600 \u0000 "q" \\'},
       'useCases': [{'name': '=HYPERLINK("http://x")', 'ramp': {'goLive': '2026-01'},
                     'costLayers': [{'name': '@SUM(1)', 'type': 'staff', 'category': 'other',
                                     'fte': 1, 'annualCost': 12}],
                     'valueDrivers': [{'name': '-2+3', 'kind': 'avoidedCost', 'amount': 5}]},
                    {'name': '\tTab', 'ramp': {'goLive': '9999-12'}},
                    {'name': '\rCR', 'ramp': {'goLive': '1900-01'}}]}
write('workbook', 'unicode-and-injection.roiwb', js(uni))
# --- workbook: recovered (warnings) ----------------------------------------------------------
write('workbook', 'unknown-keys.roiwb', '{"format":"roi-workbench","version":1,"extra":[1,{}],'
      '"useCases":[{"name":"a","ramp":{"goLive":"2026-01","x":1},"y":null}]}')
write('workbook', 'duplicate-keys.roiwb', '{"format":"roi-workbench","version":1,"version":1,'
      '"useCases":[],"useCases":[{"name":"a","name":"b","ramp":{"goLive":"2026-01"}}]}')
write('workbook', 'bom.roiwb', b'\xef\xbb\xbf{"format":"roi-workbench","version":1,"useCases":[]}')
# --- workbook: refused -----------------------------------------------------------------------
bad = {
    'empty.json': '',
    'not-object.json': '[1,2,3]',
    'not-json.json': 'format: roi-workbench',
    'truncated.json': '{"format":"roi-workbench","version":1,"useCases":[{"name":"a"',
    'trailing.json': '{"format":"roi-workbench","version":1,"useCases":[]} x',
    'newer-version.json': '{"format":"roi-workbench","version":2,"useCases":[]}',
    'version-zero.json': '{"format":"roi-workbench","version":0,"useCases":[]}',
    'version-huge.json': '{"format":"roi-workbench","version":18446744073709551615,"useCases":[]}',
    'version-float.json': '{"format":"roi-workbench","version":1.0,"useCases":[]}',
    'wrong-format.json': '{"format":"roi-workbenc","version":1,"useCases":[]}',
    'deep.json': '{"format":"roi-workbench","version":1,"useCases":[],"x":' + '[' * 40 + ']' * 40 + '}',
    'deep-in-string.json': '{"format":"roi-workbench","version":1,"useCases":[],"x":"' + '[' * 40 + '"}',
    'nan.json': '{"format":"roi-workbench","version":1,"settings":{"discountRate":NaN},"useCases":[]}',
    'overflow.json': '{"format":"roi-workbench","version":1,"settings":{"discountRate":1e400},"useCases":[]}',
    'negative.json': '{"format":"roi-workbench","version":1,"useCases":[{"name":"a","ramp":{"goLive":"2026-01"},'
                     '"baseline":{"volume":-1},"costLayers":[{"name":"x","type":"staff","category":"other","fte":-0.0001}]}]}',
    'types.json': '{"format":"roi-workbench","version":1,"settings":{"name":1,"horizonMonths":"36",'
                  '"softValueInHeadline":"no","monteCarlo":{"trials":1.5,"seed":-1}},"useCases":{}}',
    'ranges.json': '{"format":"roi-workbench","version":1,"settings":{"horizonMonths":121,'
                   '"discountRate":-0.51},"useCases":[{"name":"a","ramp":{"goLive":"2026-13",'
                   '"steadyAdoption":1.0000001,"volumeGrowth":1.01}}]}',
    'dates.json': '{"format":"roi-workbench","version":1,"priceBook":[{"model":"m","asOf":"2026-02-29"}],'
                  '"useCases":[{"name":"a","baseline":{"capturedOn":"1899-12-31"},"ramp":{"goLive":"20261"}}]}',
    'enums.json': '{"format":"roi-workbench","version":1,"useCases":[{"name":"a","maturity":"x",'
                  '"ramp":{"goLive":"2026-01","curve":"S"},"costLayers":[{"name":"l","type":"tokens",'
                  '"category":7}],"valueDrivers":[{"name":"d","kind":"soft"}]}]}',
    'duplicates.json': '{"format":"roi-workbench","version":1,"useCases":[{"name":"a","ramp":{"goLive":"2026-01"}},'
                       '{"name":"a","ramp":{"goLive":"2026-01"}}]}',
    'bad-adjustment.json': '{"format":"roi-workbench","version":1,"scenarios":[{"name":"X","adjustments":'
                           '[{"input":"layers[99999].share"},{"input":"baseline.nope"},'
                           '{"input":"ramp.steadyAdoption","useCase":"missing","value":1e308}]}],"useCases":[]}',
    'long-name.json': '{"format":"roi-workbench","version":1,"useCases":[{"name":"' + 'x' * 201 + '","ramp":{"goLive":"2026-01"}}]}',
    'missing.json': '{"format":"roi-workbench","version":1,"useCases":[{"costLayers":[{}],"valueDrivers":[{}],'
                    '"scorecard":[{}]}],"priceBook":[{}],"scenarios":[{}]}',
    'logo.json': '{"format":"roi-workbench","version":1,"settings":{"logoPng":"<svg>"},"useCases":[]}',
}
for name, text in bad.items():
    write('workbook', 'bad-' + name, text)
write('workbook', 'bad-utf8.json', b'{"format":"roi-workbench","version":1,"settings":{"name":"\xff\xfe"},"useCases":[]}')
write('workbook', 'bad-nul.json', b'{"format":"roi-workbench",\x00"version":1,"useCases":[]}')

# --- inputpath ---------------------------------------------------------------------------------
paths = ['baseline.volume', 'ramp.steadyAdoption', 'layers["Human review"].share',
         'layers[0].inputTokens', 'drivers[*].minutesWithAi', 'prices["frontier-large"].output',
         'settings.discountRate', 'outcome.perUnit', 'risk.hallucination', 'ramp.goLiveDelay',
         'layers["a\\"b0"].callsPerUnit', 'layers["back\\\\slash2"].fte', 'layers["x].y3"].share',
         'drivers["D"].amount', 'prices["q\\"uote"].input', 'layers[9999].month',
         'layers[*].spreadMonths', 'prices[*].cachedInput', 'drivers[1].extraUnits',
         # refused
         'baseline[0].volume', 'layers.share', 'layers[].share', 'layers["open.share',
         'layers[12345].share', 'nope.x', 'baseline.', '', 'layers[-1].share', 'ramp.volume']
for i, p in enumerate(paths):
    write('inputpath', 'path-%02d.txt' % i, p)
for i, (p, adj) in enumerate([('baseline.volume', 'multiply 1e308'), ('ramp.goLiveDelay', 'add 0.5'),
                              ('layers[*].month', 'set 121'), ('settings.discountRate', 'set nan'),
                              ('prices[*].input', 'add -inf'), ('drivers[*].conversionLift', 'set -2'),
                              ('layers[0].overhead', 'multiply -1')]):
    write('inputpath', 'adjust-%02d.txt' % i, p + '\n' + adj)

# --- dates -------------------------------------------------------------------------------------
dates = ['2026-01-01', '2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '9999-12-31',
         '1900-01-01', '1899-12-31', '2026-13-01', '2026-00-10', '2026-1-1', '+026-01-01',
         '2026-01-0a', '2026-04-31', '2026-01', '1900-01 -1', '9999-12 1', '2026-06 -30000',
         '2026-06 1000000', '2027-01 -13', '', ' ', '2026-01-01 5', '１２３４-01']
for i, d in enumerate(dates):
    write('dates', 'date-%02d.txt' % i, d)

# --- filename ----------------------------------------------------------------------------------
names = ['Support assistant', '../../etc/passwd', 'Q3: <draft> "v2" | ok? *', 'CON', 'com1 .csv',
         '...hidden', 'name. . .  ', 'Prévision 2027 — 中文', 'report\u202efdp.exe', 'COM\u00b9',
         'C:\\Windows\\x']
for i, n in enumerate(names):
    write('filename', 'seed-%d.txt' % i, n)
write('filename', 'seed-bytes.txt', b'a\x01\x1f\x7fb\xff\xc0\xaf\xed\xa0\x80')
write('filename', 'seed-long.txt', '中' * 120)

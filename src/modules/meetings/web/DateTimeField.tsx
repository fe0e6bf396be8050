import { Button, DatePicker, Flex, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs, ZONE } from '../../../web/format';

/**
 * The meeting's date and time. On a phone: the phone's own date and time inputs (they fit a 390-px screen
 * and reach any past day for a 补录 without month arrows) with 今天 / 昨天 shortcuts; on a wide screen the
 * calendar picker with the same shortcuts. The time of day is kept when a shortcut changes the day.
 */
export function DateTimeField({
  value,
  onChange,
  mobile,
  id,
}: {
  value?: Dayjs;
  onChange?: (v: Dayjs) => void;
  mobile: boolean;
  id?: string;
}) {
  const local = value ? value.tz(ZONE) : undefined;
  const setDay = (d: Dayjs) => {
    const time = local ?? dayjs().tz(ZONE).hour(9).minute(0);
    onChange?.(dayjs.tz(`${d.format('YYYY-MM-DD')}T${time.format('HH:mm')}:00`, ZONE));
  };
  const shortcuts = (
    <Flex gap={6}>
      <Button size={mobile ? 'middle' : 'small'} onClick={() => setDay(dayjs().tz(ZONE))}>
        今天
      </Button>
      <Button size={mobile ? 'middle' : 'small'} onClick={() => setDay(dayjs().tz(ZONE).subtract(1, 'day'))}>
        昨天
      </Button>
    </Flex>
  );
  if (!mobile)
    return (
      <Flex gap={8} align="center">
        <DatePicker
          id={id}
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          style={{ flex: 1 }}
          value={local}
          allowClear={false}
          onChange={(d) => d && onChange?.(d)}
        />
        {shortcuts}
      </Flex>
    );
  return (
    <Flex vertical gap={6}>
      <Flex gap={6}>
        <Input
          id={id}
          type="date"
          aria-label="召开日期"
          style={{ flex: '1 1 55%' }}
          value={local?.format('YYYY-MM-DD') ?? ''}
          onChange={(e) => e.target.value && setDay(dayjs(e.target.value))}
        />
        <Input
          type="time"
          aria-label="召开时刻"
          style={{ flex: '1 1 45%' }}
          value={local?.format('HH:mm') ?? ''}
          onChange={(e) => {
            if (!e.target.value) return;
            const day = (local ?? dayjs().tz(ZONE)).format('YYYY-MM-DD');
            onChange?.(dayjs.tz(`${day}T${e.target.value}:00`, ZONE));
          }}
        />
      </Flex>
      {shortcuts}
    </Flex>
  );
}
